namespace Iomt.Clinical.Evaluation;

/// <summary>Kinds of noise <see cref="EcgNoise"/> adds.</summary>
public enum EcgNoiseKind
{
    /// <summary>Baseline wander: slow sinusoids at 0.05–0.5 Hz (breathing, electrode movement).</summary>
    Wander,

    /// <summary>Muscle noise: white Gaussian noise over the whole band up to half the sampling rate.</summary>
    Muscle,

    /// <summary>Mains interference: a 50 Hz sinusoid with its 150 Hz harmonic at one third of its amplitude.</summary>
    Mains,
}

/// <summary>
/// A noise stress test in the spirit of the WFDB tool <c>nst</c>, with synthetic noise because the MIT-BIH Noise Stress
/// Test Database's noise recordings are not in our data: noise of one <see cref="EcgNoiseKind"/> is added to a whole
/// record at a given signal-to-noise ratio. The signal power is that of a sine wave with the record's QRS
/// peak-to-peak amplitude, pp² / 8 (<see cref="QrsPeakToPeak"/>), the noise power the mean square of the added noise;
/// SNR = 10·log10(S / N) dB. Deterministic for a given seed.
/// </summary>
public static class EcgNoise
{
    /// <summary>
    /// The median, over the reference beats, of the peak-to-peak amplitude of <paramref name="signal"/> within 50 ms
    /// of each beat (the QRS), in the signal's units; NaN without beats.
    /// </summary>
    public static double QrsPeakToPeak(ReadOnlySpan<float> signal, IReadOnlyList<long> beats, double samplingHz)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var half = (int)Math.Round(0.05 * samplingHz);
        var amplitudes = new List<double>(beats.Count);
        foreach (var beat in beats)
        {
            var from = (int)Math.Max(0, beat - half);
            var to = (int)Math.Min(signal.Length - 1, beat + half);
            if (to <= from)
            {
                continue;
            }

            var window = signal[from..(to + 1)];
            var min = float.MaxValue;
            var max = float.MinValue;
            foreach (var v in window)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            amplitudes.Add(max - min);
        }

        if (amplitudes.Count == 0)
        {
            return double.NaN;
        }

        amplitudes.Sort();
        return amplitudes[amplitudes.Count / 2];
    }

    /// <summary>
    /// <paramref name="signal"/> (sampled at <paramref name="samplingHz"/>) with noise of <paramref name="kind"/> added
    /// at <paramref name="snrDb"/> relative to a QRS of <paramref name="qrsPeakToPeak"/>.
    /// </summary>
    public static float[] Add(ReadOnlySpan<float> signal, double samplingHz, EcgNoiseKind kind, double snrDb, double qrsPeakToPeak, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplingHz);
        if (!double.IsFinite(qrsPeakToPeak) || qrsPeakToPeak <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(qrsPeakToPeak), qrsPeakToPeak, "QRS amplitude must be positive");
        }

        var noise = Shape(signal.Length, samplingHz, kind, new Random(seed));
        var power = 0.0;
        foreach (var v in noise)
        {
            power += v * v;
        }

        power /= Math.Max(1, noise.Length);
        var target = qrsPeakToPeak * qrsPeakToPeak / 8 / Math.Pow(10, snrDb / 10);
        var gain = power > 0 ? Math.Sqrt(target / power) : 0;
        var result = new float[signal.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(signal[i] + (gain * noise[i]));
        }

        return result;
    }

    // Zero-mean noise of the kind, any scale.
    private static double[] Shape(int length, double samplingHz, EcgNoiseKind kind, Random random)
    {
        var noise = new double[length];
        switch (kind)
        {
            case EcgNoiseKind.Wander:
                // Breathing near 0.25 Hz, slower drift at 0.05–0.12 Hz and a faster component at 0.5 Hz, random phases.
                (double Hz, double Amplitude)[] parts = [(0.05, 1), (0.12, 0.8), (0.25, 1), (0.5, 0.3)];
                var phases = parts.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
                for (var i = 0; i < length; i++)
                {
                    var t = i / samplingHz;
                    for (var k = 0; k < parts.Length; k++)
                    {
                        noise[i] += parts[k].Amplitude * Math.Sin((2 * Math.PI * parts[k].Hz * t) + phases[k]);
                    }
                }

                break;
            case EcgNoiseKind.Muscle:
                for (var i = 0; i < length; i++)
                {
                    noise[i] = StandardNormal.Next(random);
                }

                break;
            case EcgNoiseKind.Mains:
                var phase = random.NextDouble() * 2 * Math.PI;
                for (var i = 0; i < length; i++)
                {
                    var t = i / samplingHz;
                    noise[i] = Math.Sin((2 * Math.PI * 50 * t) + phase) + (Math.Sin((2 * Math.PI * 150 * t) + (3 * phase)) / 3);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown noise kind");
        }

        return noise;
    }
}
