using System.Runtime.CompilerServices;

namespace Iomt.Clinical.Falls;

/// <summary>
/// Notices an accelerometer held at its full-scale limit: an axis that repeats exactly the same reading of at least
/// <see cref="FallDetectorOptions.SaturationG"/> (in either direction) for at least <see cref="FallDetectorOptions.SaturationMinS"/>.
/// A sensor clips at its range, so every sample beyond it reads the same limit value, while a real signal that strong
/// is never constant for that long. A ±2 g phone clips the impact of a fall, and the low-pass then leaves too little
/// of it to reach the candidate threshold (docs/validation/falls.md, "Sensor range").
/// </summary>
internal sealed class SaturationWatch(FallDetectorOptions options)
{
    // A 50 Hz sample pair spans exactly the minimum: allow for the rounding of the sample times.
    private readonly double _minimumS = options.SaturationMinS - 1e-6;
    private readonly double _level = options.SaturationG;
    private Axis _x, _y, _z;
    private double _lastTime;
    private bool _atLevel;

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

    // An axis is at the level, or was at the previous sample.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AddAtLevel(double timeS, double ax, double ay, double az)
    {
        var held = Step(ref _x, ax, timeS) | Step(ref _y, ay, timeS) | Step(ref _z, az, timeS);
        _atLevel = Math.Abs(ax) >= _level || Math.Abs(ay) >= _level || Math.Abs(az) >= _level;
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
            return false;
        }

        if (double.IsNaN(axis.Since))
        {
            axis.Since = _lastTime; // the run at the limit began with the previous sample
        }

        return timeS - axis.Since >= _minimumS;
    }

    // One axis: its last raw reading, and since when it has repeated it at the limit (NaN: it has not).
    private struct Axis(double last)
    {
        public double Last = last;
        public double Since = double.NaN;
    }
}
