namespace Iomt.Clinical.Evaluation;

/// <summary>
/// Resamples a recording by linear interpolation, to check that a detector gives the same result at other
/// sampling rates on real signals (an ECG recorded at 360 Hz is band-limited well below the Nyquist frequency
/// of 128 Hz and up, so interpolation adds no content the detector would react to).
/// </summary>
public static class LinearResampler
{
    /// <summary>The signal <paramref name="samples"/> taken at <paramref name="fromHz"/>, resampled to <paramref name="toHz"/>.</summary>
    public static float[] Resample(ReadOnlySpan<float> samples, double fromHz, double toHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toHz);
        if (samples.Length < 2)
        {
            return samples.ToArray();
        }

        var length = (int)Math.Floor(((samples.Length - 1) * toHz / fromHz) + 1);
        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            var position = i * fromHz / toHz;
            var j = Math.Min((int)position, samples.Length - 2);
            var fraction = (float)(position - j);
            result[i] = samples[j] + (fraction * (samples[j + 1] - samples[j]));
        }

        return result;
    }
}
