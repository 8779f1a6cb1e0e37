namespace Iomt.Clinical.Ecg.Qrs;

/// <summary>
/// A second-order IIR section (transposed direct form II) designed by the bilinear transform
/// (RBJ audio-EQ cookbook formulas), so a filter specified in hertz works at any sampling rate.
/// </summary>
public struct Biquad
{
    private readonly float _b0, _b1, _b2, _a1, _a2;
    private float _z1, _z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = (float)(b0 / a0);
        _b1 = (float)(b1 / a0);
        _b2 = (float)(b2 / a0);
        _a1 = (float)(a1 / a0);
        _a2 = (float)(a2 / a0);
        _z1 = 0;
        _z2 = 0;
    }

    /// <summary>Butterworth (Q = 1/√2) low-pass at <paramref name="cutoffHz"/>.</summary>
    public static Biquad LowPass(double cutoffHz, double samplingHz)
    {
        var (cos, alpha) = Prewarp(cutoffHz, samplingHz);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Butterworth (Q = 1/√2) high-pass at <paramref name="cutoffHz"/>.</summary>
    public static Biquad HighPass(double cutoffHz, double samplingHz)
    {
        var (cos, alpha) = Prewarp(cutoffHz, samplingHz);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>
    /// Notch at <paramref name="hz"/> with quality <paramref name="q"/> (−3 dB band hz/q wide); a pass-through when
    /// <paramref name="hz"/> is not below half the sampling rate.
    /// </summary>
    public static Biquad Notch(double hz, double samplingHz, double q)
    {
        if (hz >= samplingHz / 2)
        {
            return new Biquad(1, 0, 0, 1, 0, 0);
        }

        var w0 = 2 * Math.PI * hz / samplingHz;
        var cos = Math.Cos(w0);
        var alpha = Math.Sin(w0) / (2 * q);
        return new Biquad(1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Filters one sample.</summary>
    public float Next(float x)
    {
        var y = (_b0 * x) + _z1;
        _z1 = (_b1 * x) - (_a1 * y) + _z2;
        _z2 = (_b2 * x) - (_a2 * y);
        return y;
    }

    /// <summary>
    /// Sets the state to where a constant input <paramref name="x"/> leaves it, as if the signal had held that value for
    /// ever: the first sample of a recording with a DC offset is then not a step the filter rings on.
    /// </summary>
    public void Settle(float x)
    {
        var y = (_b0 + _b1 + _b2) / (1 + _a1 + _a2) * x;
        _z1 = y - (_b0 * x);
        _z2 = (_b2 * x) - (_a2 * y);
    }

    private static (double Cos, double Alpha) Prewarp(double cutoffHz, double samplingHz)
    {
        // Keep the corner below Nyquist so very low sampling rates still give a stable filter.
        var w0 = 2 * Math.PI * Math.Min(cutoffHz, 0.45 * samplingHz) / samplingHz;
        return (Math.Cos(w0), Math.Sin(w0) / (2 * Math.Sqrt(0.5)));
    }
}
