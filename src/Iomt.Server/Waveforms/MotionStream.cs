using Iomt.Clinical.Falls;
using Iomt.Core.Waveforms;
using Iomt.Server.Detection;

namespace Iomt.Server.Waveforms;

/// <summary>
/// One contiguous run of a body-worn accelerometer (three chunks per time span: the x, y and z channels) through
/// the <see cref="MotionAnalyzer"/> of <c>iomt analyze motion</c>: falls and "no movement for too long". A sample
/// lost on any axis (FHIR SampledData E) is left out, like a missing row in a file, so the detector sees the gap
/// (and an impact hidden in it, <see cref="FallDetectorOptions.HiddenImpactGapS"/>); a value beyond the sensor's
/// limits (L, U) repeats the axis's last valid value.
/// </summary>
internal sealed class MotionStream : ChunkStream
{
    /// <summary>How long without movement raises <c>inactivity</c> (<see cref="InactivityDetectorOptions.MaxStillS"/>).</summary>
    public static readonly TimeSpan StillLimit = TimeSpan.FromSeconds(new InactivityDetectorOptions().MaxStillS);

    /// <summary>Stored history replayed into a new run: the inactivity limit (30 min) and the fall detector's 9.5 s.</summary>
    public static readonly TimeSpan WarmUp = StillLimit + TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after an impact its fall is decided at the latest: the fall detector raises it 2.5 s after (peak search
    /// and post-impact window); its refractory time, 10 s, leaves room for the filters. A backfill run that reaches the
    /// live run is fed this much of it (<see cref="ChunkStream.JoinAt"/>).
    /// </summary>
    public static readonly TimeSpan DecidedWithin = TimeSpan.FromSeconds(new FallDetectorOptions().RefractoryS);

    /// <summary>How far a backfill run that reached analysed time at <paramref name="joinAt"/> is fed it (<see cref="DecidedWithin"/>).</summary>
    public static DateTimeOffset DecidedAfterJoin(DateTimeOffset joinAt) => Shifted(joinAt, DecidedWithin);

    private const double StandardGravity = 9.80665;
    private readonly MotionAnalyzer _analyzer;
    private readonly MotionEvent[] _raised = new MotionEvent[2];
    private readonly double[] _last = new double[3];

    public MotionStream(WaveformChunk x)
        : base(x)
    {
        _analyzer = new MotionAnalyzer(Rate);
    }

    /// <summary>Converts a chunk's physical values to g: 1 for <c>[g]</c>, 1 / 9.80665 for m/s²; null for another unit.</summary>
    public static double? ToG(string unit) => unit switch
    {
        "[g]" => 1,
        "m/s2" or "m.s-2" => 1 / StandardGravity,
        _ => null,
    };

    /// <summary>Feeds one time span (x, y, z of equal length and rate); returns the events it raised (kind, time).</summary>
    public List<(string Kind, DateTimeOffset Time)> Add(IReadOnlyList<WaveformChunk> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        Align(axes[0].Start);
        var events = new List<(string, DateTimeOffset)>();
        Feed(axes, Samples / Rate, (t, x, y, z) =>
        {
            var n = _analyzer.Add(t, x, y, z, _raised);
            for (var k = 0; k < n; k++)
            {
                events.Add((_raised[k].Name, MillisecondTime.At(Origin, _raised[k].TimeS)));
            }
        });

        Advance(axes[0].Samples.Length);
        return events;
    }

    private static bool Unusable(IReadOnlyList<WaveformChunk> axes, int i, ReadOnlySpan<double> toG)
    {
        for (var a = 0; a < 3; a++)
        {
            var value = axes[a].Samples[i];
            if (value == SampledDataMarkers.Error
                || (value is not (SampledDataMarkers.BelowLowerLimit or SampledDataMarkers.AboveUpperLimit) && Math.Abs(axes[a].PhysicalValue(i) * toG[a]) > MotionAnalyzer.MaximumAccelerationG))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Carries on the stillness of <paramref name="before"/>, a run of the device that ended where this one's time begins
    /// (at a gap, or a backfill run at its join): the still time goes on, paused over the gap, as in one stream
    /// (<see cref="InactivityDetector"/>). <paramref name="before"/> is left as it is.
    /// </summary>
    public void ContinueStillnessOf(MotionStream before)
    {
        ArgumentNullException.ThrowIfNull(before);
        _analyzer.Inactivity = before._analyzer.Inactivity.Copy((before.Origin - Origin).TotalSeconds);
    }

    /// <summary>When the run's running still time began (<see cref="InactivityDetector.StillFromS"/>); null while the wearer moves.</summary>
    public DateTimeOffset? StillFrom => double.IsNaN(_analyzer.Inactivity.StillFromS) ? null : MillisecondTime.At(Origin, _analyzer.Inactivity.StillFromS);

    /// <summary>Starts the run's stillness afresh, before it is rebuilt from stored history.</summary>
    public void ForgetStillness() => _analyzer.Inactivity = new InactivityDetector();

    /// <summary>
    /// Feeds a span that this run's fall detector does not see to its stillness only: stored history before the run
    /// across gaps, or the run's own stored time again after it took on a backlog's stillness
    /// (<see cref="ContinueStillnessOf"/>). Spans must come in time order, after what the stillness saw. Returns the
    /// inactivity events raised.
    /// </summary>
    public List<(string Kind, DateTimeOffset Time)> AddToStillness(IReadOnlyList<WaveformChunk> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var events = new List<(string, DateTimeOffset)>();
        Feed(axes, (axes[0].Start - Origin).TotalSeconds, (t, x, y, z) =>
        {
            if (_analyzer.Inactivity.Add(t, x, y, z))
            {
                events.Add((new MotionEvent(t, MotionEventKind.Inactivity).Name, MillisecondTime.At(Origin, t)));
            }
        });

        return events;
    }

    // The span's samples in g, timed from `firstTimeS` (s from the origin) at the span's rate: a sample lost on any axis
    // (E), or with a value beyond any accelerometer's range on one (MotionAnalyzer.MaximumAccelerationG: a corrupt value,
    // not a measurement), is left out; a value beyond the sensor's limits (L, U) repeats the axis's last valid value.
    private void Feed(IReadOnlyList<WaveformChunk> axes, double firstTimeS, Action<double, double, double, double> sample)
    {
        Span<double> toG = [ToG(axes[0].Unit)!.Value, ToG(axes[1].Unit)!.Value, ToG(axes[2].Unit)!.Value];
        var rate = axes[0].SampleRateHz;
        var length = axes[0].Samples.Length;
        for (var i = 0; i < length; i++)
        {
            if (Unusable(axes, i, toG))
            {
                continue;
            }

            for (var a = 0; a < 3; a++)
            {
                if (axes[a].Samples[i] is not (SampledDataMarkers.BelowLowerLimit or SampledDataMarkers.AboveUpperLimit))
                {
                    _last[a] = axes[a].PhysicalValue(i) * toG[a];
                }
            }

            sample(firstTimeS + (i / rate), _last[0], _last[1], _last[2]);
        }
    }

    /// <summary>
    /// Decides the impacts the run's end cut short (the next span starts after a gap, or none came for a while);
    /// returns the fall, if any. The state is kept, so a late span that continues the run is still analysed.
    /// </summary>
    public List<(string Kind, DateTimeOffset Time)> DecideCutShort() =>
        _analyzer.Flush(out var fall) ? [(fall.Name, MillisecondTime.At(Origin, fall.TimeS))] : [];
}
