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
    private readonly double[] _last = new double[3];
    private readonly double[] _since = new double[3];
    private double _lastTime;

    /// <summary>Starts over at the first sample of a run.</summary>
    public void Reset(double timeS, double ax, double ay, double az)
    {
        _lastTime = timeS;
        _last[0] = ax;
        _last[1] = ay;
        _last[2] = az;
        Array.Fill(_since, double.NaN);
    }

    /// <summary>Takes the next raw sample; true while an axis has been at its limit long enough.</summary>
    public bool Add(double timeS, double ax, double ay, double az)
    {
        var held = Axis(0, ax, timeS) | Axis(1, ay, timeS) | Axis(2, az, timeS);
        _lastTime = timeS;
        return held;
    }

    private bool Axis(int axis, double value, double timeS)
    {
        var repeated = value == _last[axis] && Math.Abs(value) >= options.SaturationG;
        _last[axis] = value;
        if (!repeated)
        {
            _since[axis] = double.NaN;
            return false;
        }

        if (double.IsNaN(_since[axis]))
        {
            _since[axis] = _lastTime; // the run at the limit began with the previous sample
        }

        // A 50 Hz sample pair spans exactly the minimum: allow for the rounding of the sample times.
        return timeS - _since[axis] >= options.SaturationMinS - 1e-6;
    }
}
