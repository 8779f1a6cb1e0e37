using Iomt.Clinical.Evaluation;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class EcgNoiseTests
{
    [Fact]
    public void Measures_the_median_qrs_peak_to_peak_amplitude_within_50_ms_of_each_beat()
    {
        // 1 s at 100 Hz: beats at 20, 50 and 80 with peak-to-peak 1.0, 2.0 and 1.5; a larger swing at 95 lies more
        // than 50 ms (5 samples) from every beat.
        var signal = new float[100];
        (signal[19], signal[21]) = (0.5f, -0.5f);
        (signal[48], signal[52]) = (1.2f, -0.8f);
        (signal[80], signal[84]) = (1.0f, -0.5f);
        (signal[95], signal[96]) = (5f, -5f);

        Assert.Equal(1.5, EcgNoise.QrsPeakToPeak(signal, [20, 50, 80], 100), 6);
        Assert.True(double.IsNaN(EcgNoise.QrsPeakToPeak(signal, [], 100)));
    }

    [Theory]
    [InlineData(EcgNoiseKind.Wander, 12)]
    [InlineData(EcgNoiseKind.Muscle, 6)]
    [InlineData(EcgNoiseKind.Mains, 0)]
    [InlineData(EcgNoiseKind.Muscle, 24)]
    public void Adds_noise_at_the_requested_signal_to_noise_ratio(EcgNoiseKind kind, double snrDb)
    {
        var clean = Enumerable.Range(0, 36_000).Select(i => (float)Math.Sin(i / 50.0)).ToArray(); // 100 s at 360 Hz
        const double qrs = 2.0; // S = 2² / 8 = 0.5

        var noisy = EcgNoise.Add(clean, 360, kind, snrDb, qrs, seed: 1);

        var noisePower = noisy.Zip(clean, (n, c) => (double)(n - c) * (n - c)).Average();
        Assert.Equal(snrDb, 10 * Math.Log10(0.5 / noisePower), 2);
        Assert.Equal(noisy, EcgNoise.Add(clean, 360, kind, snrDb, qrs, seed: 1)); // repeatable
        Assert.NotEqual(noisy, EcgNoise.Add(clean, 360, kind, snrDb, qrs, seed: 2));
    }

    [Fact]
    public void Each_kind_puts_its_power_in_its_own_band()
    {
        var silent = new float[7_200]; // 20 s at 360 Hz: 0.05 Hz steps

        double Share(EcgNoiseKind kind, double fromHz, double toHz) => BandShare(EcgNoise.Add(silent, 360, kind, 0, 1, seed: 3), 360, fromHz, toHz);

        Assert.True(Share(EcgNoiseKind.Wander, 0, 1) > 0.99);
        Assert.InRange(Share(EcgNoiseKind.Mains, 49.9, 50.1), 0.85, 0.95); // 1 : 1/9 with 150 Hz
        Assert.InRange(Share(EcgNoiseKind.Muscle, 0, 90), 0.45, 0.55); // white: half the power below a quarter of the rate
    }

    // Share of the signal's power between two frequencies, over the DFT bins 1 … n/2 (Goertzel per bin).
    private static double BandShare(float[] x, double rateHz, double fromHz, double toHz)
    {
        double inside = 0, total = 0;
        var n = x.Length;
        for (var k = 1; k <= n / 2; k++)
        {
            var coefficient = 2 * Math.Cos(2 * Math.PI * k / n);
            double previous = 0, beforePrevious = 0;
            foreach (var v in x)
            {
                var current = v + (coefficient * previous) - beforePrevious;
                beforePrevious = previous;
                previous = current;
            }

            var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
            var hz = k * rateHz / n;
            total += power;
            if (hz >= fromHz && hz <= toHz)
            {
                inside += power;
            }
        }

        return inside / total;
    }
}
