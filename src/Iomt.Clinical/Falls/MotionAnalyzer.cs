namespace Iomt.Clinical.Falls;

/// <summary>Runs the fall and inactivity detectors side by side over one motion stream.</summary>
public sealed class MotionAnalyzer
{
    /// <summary>
    /// Largest acceleration any body-worn accelerometer reports (g): the widest MEMS ranges are ±400 g. A larger value is
    /// not a measurement (a corrupt row, a missing-value sentinel such as 9999) and would ring through the filters for
    /// tens of seconds, raising a fall or hiding one.
    /// </summary>
    public const double MaximumAccelerationG = 400;

    private readonly FallDetector _falls;

    /// <summary>Creates both detectors for samples at about <paramref name="sampleRateHz"/>.</summary>
    public MotionAnalyzer(double sampleRateHz, FallDetectorOptions? fallOptions = null, InactivityDetectorOptions? inactivityOptions = null)
    {
        _falls = new FallDetector(sampleRateHz, fallOptions);
        Inactivity = new InactivityDetector(inactivityOptions);
    }

    /// <summary>
    /// The "no movement for too long" detector. Replaced when a stream carries on the stillness of another before it (the
    /// server starts a new run of a device after a gap, <see cref="InactivityDetector.Copy"/>): unlike the fall detector's
    /// filters, the still time goes on across a gap, paused over it.
    /// </summary>
    public InactivityDetector Inactivity { get; set; }

    /// <summary>
    /// Consumes one sample and writes the events raised now into <paramref name="events"/> (at least two
    /// slots); returns how many were written.
    /// </summary>
    public int Add(double timeS, double ax, double ay, double az, Span<MotionEvent> events)
    {
        var count = 0;
        if (_falls.Add(timeS, ax, ay, az, out var fallTime))
        {
            events[count++] = new MotionEvent(fallTime, MotionEventKind.Fall);
        }

        if (Inactivity.Add(timeS, ax, ay, az))
        {
            events[count++] = new MotionEvent(timeS, MotionEventKind.Inactivity);
        }

        return count;
    }

    /// <summary>At the end of a recording, raises a fall for an impact the recording cut short (<see cref="FallDetector.Flush"/>).</summary>
    public bool Flush(out MotionEvent fall)
    {
        var raised = _falls.Flush(out var time);
        fall = new MotionEvent(time, MotionEventKind.Fall);
        return raised;
    }
}
