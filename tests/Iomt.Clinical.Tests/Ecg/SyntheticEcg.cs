namespace Iomt.Clinical.Tests.Ecg;

/// <summary>Hand-made single-lead ECG (mV) for atrial-activity tests: Gaussian P, QRS and T waves, optional f waves.</summary>
internal static class SyntheticEcg
{
    /// <summary>
    /// Beats at the given RR intervals from t = 1 s. <paramref name="pWaves"/>: a 0.12 mV P wave peaking
    /// <paramref name="pWaveBeforeR"/> seconds (160 ms unless given) before each R wave; <paramref name="fWaveMv"/>: amplitude of fibrillatory waves whose frequency
    /// wanders randomly between 5 and 7 Hz (within about a second), not locked to the beats. Baseline wander 0.1 mV at 0.3 Hz, white noise
    /// of standard deviation <paramref name="noiseMv"/> (10 µV unless given). Returns the signal and the R-wave sample numbers.
    /// </summary>
    public static (float[] Signal, long[] Beats) Generate(double fs, IReadOnlyList<double> rr, bool pWaves, double fWaveMv, int seed, double noiseMv = 0.01, double pWaveBeforeR = 0.16)
    {
        var random = new Random(seed);
        var rWaves = new List<double> { 1.0 };
        foreach (var r in rr)
        {
            rWaves.Add(rWaves[^1] + r);
        }

        var n = (int)((rWaves[^1] + 1.0) * fs);
        var signal = new float[n];
        double phase = 0, frequency = 6;
        var next = 0;
        for (var i = 0; i < n; i++)
        {
            var t = i / fs;
            while (next + 1 < rWaves.Count && t > (rWaves[next] + rWaves[next + 1]) / 2)
            {
                next++;
            }

            double v = 0;
            for (var b = Math.Max(0, next - 1); b <= Math.Min(rWaves.Count - 1, next + 1); b++)
            {
                var d = t - rWaves[b];
                v += Gauss(d, 0, 0.012, 1.0) + Gauss(d, 0.25, 0.04, 0.25) + (pWaves ? Gauss(d, -pWaveBeforeR, 0.025, 0.12) : 0);
            }

            frequency = Math.Clamp(frequency + (0.3 * (random.NextDouble() - 0.5)), 5, 7);
            phase += 2 * Math.PI * frequency / fs;
            v += (fWaveMv * Math.Sin(phase)) + (0.1 * Math.Sin(2 * Math.PI * 0.3 * t)) + (noiseMv * Normal(random));
            signal[i] = (float)v;
        }

        return (signal, rWaves.Select(r => (long)Math.Round(r * fs)).ToArray());
    }

    /// <summary>Irregular intervals drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double[] Irregular(int count, double min, double max, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => min + ((max - min) * random.NextDouble())).ToArray();
    }

    private static double Gauss(double t, double centre, double sigma, double amplitude) =>
        amplitude * Math.Exp(-(t - centre) * (t - centre) / (2 * sigma * sigma));

    /// <summary>One draw from the standard normal distribution (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
