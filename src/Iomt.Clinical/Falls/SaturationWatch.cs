using System.Runtime.CompilerServices;

namespace Iomt.Clinical.Falls;

/// <summary>
/// Notices an accelerometer held at its full-scale limit: an axis that repeats exactly the same reading of at least
/// <see cref="FallDetectorOptions.SaturationG"/> (in either direction) for at least <see cref="FallDetectorOptions.SaturationMinS"/>.
/// A sensor clips at its range, so every sample beyond it reads the same limit value, while a real signal that strong
/// is never constant for that long. A ±2 g phone clips the impact of a fall, and the low-pass then leaves too little
/// of it to reach the candidate threshold (docs/validation/falls.md, "Sensor range"). At low rates it also reports the
/// first reading at the level (<see cref="ReachedLevelInOneLongSample"/>), which the detector takes as an impact after a
/// free fall.
/// </summary>
internal sealed class SaturationWatch(FallDetectorOptions options, double sampleRateHz)
{
    // A 50 Hz sample pair spans exactly the minimum: allow for the rounding of the sample times.
    private readonly double _minimumS = options.SaturationMinS - 1e-6;

    // The same hold counted in sampling periods at the nominal rate (at least one repeat): a phone stamps its samples
    // at uneven moments, and a run of readings at the limit that spans the hold in samples may span less in time. The
    // rate is estimated from those uneven times, a little off: 90 % of the hold, so 50.02 Hz still needs one repeat.
    private int _repeats = Repeats(options, sampleRateHz);
    private double _periodS = 1 / sampleRateHz;
    private readonly double _level = options.SaturationG;
    private readonly double _longSampleS = 1.5 * options.SaturationMinS;
    private Axis _x, _y, _z;
    private double _lastTime;
    private bool _atLevel;

    /// <summary>
    /// Whether the last sample given to <see cref="Add"/> brought an axis to the level after a sample with none there, at
    /// a rate so low that one sampling interval is half as long again as the hold the repeat rule asks for (below about
    /// 33 Hz; the margin keeps 50 Hz with timing jitter out). There a clipped impact can fill a single sample, and
    /// no reading repeats. The interval is the nominal period, or the actual one when longer (a sample lost): a 25 Hz
    /// phone whose sample came early still samples at 25 Hz.
    /// </summary>
    public bool ReachedLevelInOneLongSample { get; private set; }

    /// <summary>Follows a change of the sampling rate (<see cref="RateWatch"/>).</summary>
    public void SetRate(double sampleRateHz)
    {
        _repeats = Repeats(options, sampleRateHz);
        _periodS = 1 / sampleRateHz;
    }

    /// <summary>Starts over at the first sample of a run.</summary>
    public void Reset(double timeS, double ax, double ay, double az)
    {
        _lastTime = timeS;
        _x = new Axis(ax);
        _y = new Axis(ay);
        _z = new Axis(az);
        _atLevel = true;
    }

    /// <summary>Takes the next raw sample; true while an axis has been at its limit long enough.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(double timeS, double ax, double ay, double az)
    {
        var held = (_atLevel || Math.Abs(ax) >= _level || Math.Abs(ay) >= _level || Math.Abs(az) >= _level) && AddAtLevel(timeS, ax, ay, az);
        _lastTime = timeS;
        return held;
    }

    // An axis is at the level, or was at the previous sample (otherwise nothing changes: ReachedLevelInOneLongSample was
    // set false when the last sample at the level was followed by one below it).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AddAtLevel(double timeS, double ax, double ay, double az)
    {
        var held = Step(ref _x, ax, timeS) | Step(ref _y, ay, timeS) | Step(ref _z, az, timeS);
        var wasAtLevel = _atLevel;
        _atLevel = Math.Abs(ax) >= _level || Math.Abs(ay) >= _level || Math.Abs(az) >= _level;
        ReachedLevelInOneLongSample = _atLevel && !wasAtLevel && Math.Max(timeS - _lastTime, _periodS) >= _longSampleS;
        if (!_atLevel)
        {
            // Every axis below the level (nearly every sample): no run at the limit, and the next sample cannot repeat
            // one, so the samples until an axis reaches the level again are skipped.
            _x.Last = _y.Last = _z.Last = double.NaN;
        }

        return held;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Step(ref Axis axis, double value, double timeS)
    {
        var repeated = value == axis.Last && Math.Abs(value) >= _level;
        axis.Last = value;
        if (!repeated)
        {
            axis.Since = double.NaN;
            axis.Repeats = 0;
            return false;
        }

        if (double.IsNaN(axis.Since))
        {
            axis.Since = _lastTime; // the run at the limit began with the previous sample
        }

        axis.Repeats++;
        return timeS - axis.Since >= _minimumS || axis.Repeats >= _repeats;
    }

    private static int Repeats(FallDetectorOptions options, double sampleRateHz) =>
        Math.Max(1, (int)Math.Ceiling(0.9 * options.SaturationMinS * sampleRateHz));

    // One axis: its last raw reading, since when it has repeated it at the limit (NaN: it has not), and how many times.
    private struct Axis(double last)
    {
        public double Last = last;
        public double Since = double.NaN;
        public int Repeats;
    }
}
