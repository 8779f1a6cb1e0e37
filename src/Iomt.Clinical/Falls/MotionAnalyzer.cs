namespace Iomt.Clinical.Falls;

/// <summary>Runs the fall and inactivity detectors side by side over one motion stream.</summary>
public sealed class MotionAnalyzer
{
    private readonly FallDetector _falls;
    private readonly InactivityDetector _inactivity;

    /// <summary>Creates both detectors for samples at about <paramref name="sampleRateHz"/>.</summary>
    public MotionAnalyzer(double sampleRateHz, FallDetectorOptions? fallOptions = null, InactivityDetectorOptions? inactivityOptions = null)
    {
        _falls = new FallDetector(sampleRateHz, fallOptions);
        _inactivity = new InactivityDetector(inactivityOptions);
    }

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

        if (_inactivity.Add(timeS, ax, ay, az))
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
