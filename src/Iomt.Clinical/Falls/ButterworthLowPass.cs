namespace Iomt.Clinical.Falls;

/// <summary>
/// Second-order Butterworth low-pass (one biquad, bilinear transform with pre-warping) whose
/// coefficients follow the sampling rate, so the same cut-off in hertz applies at 25 or 200 Hz.
/// </summary>
public struct ButterworthLowPass
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    /// <summary>Designs the filter for <paramref name="cutoffHz"/> at <paramref name="sampleRateHz"/>.</summary>
    public ButterworthLowPass(double cutoffHz, double sampleRateHz)
    {
        // Keep the cut-off below Nyquist (a 5 Hz cut-off at 12 Hz would be 0.83 of it); guard odd rates.
        var fc = Math.Min(cutoffHz, 0.45 * sampleRateHz);
        var k = Math.Tan(Math.PI * fc / sampleRateHz);
        var q = 1 / Math.Sqrt(2);
        var norm = 1 / (1 + (k / q) + (k * k));
        _b0 = k * k * norm;
        _b1 = 2 * _b0;
        _b2 = _b0;
        _a1 = 2 * ((k * k) - 1) * norm;
        _a2 = (1 - (k / q) + (k * k)) * norm;
        _x1 = _x2 = _y1 = _y2 = 0;
    }

    /// <summary>Sets the state as if <paramref name="value"/> had been input forever (no start-up step).</summary>
    public void Reset(double value)
    {
        _x1 = _x2 = _y1 = _y2 = value;
    }

    /// <summary>Filters one sample.</summary>
    public double Next(double x)
    {
        var y = (_b0 * x) + (_b1 * _x1) + (_b2 * _x2) - (_a1 * _y1) - (_a2 * _y2);
        _x2 = _x1;
        _x1 = x;
        _y2 = _y1;
        _y1 = y;
        return y;
    }
}
