using Iomt.Clinical.Ecg.Af;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class AtrialActivityBufferTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(1000)]
    public void Finds_the_p_wave_at_the_same_point_of_the_window_at_any_sampling_rate(double fs)
    {
        var (signal, beats) = SyntheticEcg.Generate(fs, Enumerable.Repeat(1.0, 10).ToArray(), pWaves: true, fWaveMv: 0, seed: 1);
        var buffer = new AtrialActivityBuffer(fs);
        buffer.Append(signal);
        var window = new float[AtrialActivityBuffer.Points];

        Assert.True(buffer.TryExtract(beats[5], beats[4], window, out _));

        // The P wave peaks 160 ms before the R wave: (350 − 160) / (350 − 100) of the way through the window.
        // The window is timed from the filtered QRS, so the filter's delay cancels.
        var expected = (AtrialActivityBuffer.WindowStartSeconds - 0.160) / (AtrialActivityBuffer.WindowStartSeconds - AtrialActivityBuffer.WindowEndSeconds) * (AtrialActivityBuffer.Points - 1);
        var peak = Array.IndexOf(window, window.Max());
        Assert.InRange(peak, expected - 1, expected + 1);
        Assert.InRange(window.Max(), 0.03f, 0.12f);
    }

    [Fact]
    public void Gives_nearly_the_same_window_at_250_and_500_hz()
    {
        var rr = Enumerable.Repeat(0.9, 10).ToArray();
        var at250 = Extract(250, rr, 6);
        var at500 = Extract(500, rr, 6);

        Assert.True(Correlation(at250, at500) > 0.98, $"r = {Correlation(at250, at500)}");
    }

    [Theory]
    [InlineData(50, 360)]
    [InlineData(60, 360)]
    [InlineData(50, 250)]
    [InlineData(60, 500)]
    public void Mains_interference_does_not_reach_the_window(double mainsHz, double fs)
    {
        // 0.3 mV of mains (about a third of the synthetic QRS) on a sinus rhythm with P waves of about 0.1 mV.
        var (signal, beats) = SyntheticEcg.Generate(fs, Enumerable.Repeat(0.9, 10).ToArray(), pWaves: true, fWaveMv: 0, seed: 3);
        var hum = signal.Select((v, i) => (float)(v + (0.3 * Math.Sin((2 * Math.PI * mainsHz * i / fs) + 1)))).ToArray();
        var clean = new AtrialActivityBuffer(fs);
        var noisy = new AtrialActivityBuffer(fs);
        clean.Append(signal);
        noisy.Append(hum);
        var a = new float[AtrialActivityBuffer.Points];
        var b = new float[AtrialActivityBuffer.Points];

        Assert.True(clean.TryExtract(beats[6], beats[5], a, out _));
        Assert.True(noisy.TryExtract(beats[6], beats[5], b, out _));

        // Without the notches the 15 Hz low-pass alone leaves differences of 0.015–0.024 mV, a fifth of the P wave.
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() < 0.005, $"largest difference {a.Zip(b, (x, y) => Math.Abs(x - y)).Max()} mV");
    }

    [Theory]
    [InlineData(128)]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(1000)]
    public void Estimates_the_energy_broadband_noise_brings_into_a_window(double fs)
    {
        // White noise only: each window holds nothing but noise, so its energy is what the estimate should say.
        var random = new Random(5);
        var noise = Enumerable.Range(0, (int)(fs * 600)).Select(_ => (float)(0.1 * SyntheticEcg.Normal(random))).ToArray();
        var buffer = new AtrialActivityBuffer(fs);
        var window = new float[AtrialActivityBuffer.Points];
        double measured = 0, estimated = 0;
        var chunk = (int)fs;
        for (var second = 0; second < 600; second++)
        {
            buffer.Append(noise.AsSpan(second * chunk, chunk));
            if (second > 2)
            {
                // Beats 0.8 s apart, the last one 0.5 s back: whole windows, none of them masked.
                var beat = ((second + 1) * chunk) - (long)(0.5 * fs);
                Assert.True(buffer.TryExtract(beat, beat - (long)(0.8 * fs), window, out var energy));
                measured += window.Sum(v => (double)v * v);
                estimated += energy;
            }
        }

        Assert.InRange(estimated / measured, 0.9, 1.1);
    }

    [Fact]
    public void Refuses_a_window_not_yet_received_or_already_overwritten()
    {
        var buffer = new AtrialActivityBuffer(360);
        var window = new float[AtrialActivityBuffer.Points];
        buffer.Append(new float[360 * 5]);

        Assert.False(buffer.TryExtract((360 * 5) - 10, (360 * 5) - 310, window, out _), "the QRS (to 50 ms after the beat) has not fully arrived");
        Assert.True(buffer.TryExtract((360 * 5) - 20, (360 * 5) - 320, window, out _));

        buffer.Append(new float[360 * 20]);
        Assert.False(buffer.TryExtract(360 * 3, (360 * 3) - 300, window, out _), "older than the history kept");
    }

    [Fact]
    public void Leaves_out_the_previous_t_wave_at_a_fast_rate()
    {
        var buffer = new AtrialActivityBuffer(360);
        var window = new float[AtrialActivityBuffer.Points];
        buffer.Append(new float[360 * 5]);

        // RR 0.4 s: the previous T wave ends 0.46·√0.4 = 0.29 s after its beat, so 240 of the 250 ms window is masked.
        Assert.False(buffer.TryExtract(360 * 4, (360 * 4) - 144, window, out _));

        // RR 0.6 s: it ends 0.356 s after its beat, 0.244 s before this one: 106 of the 250 ms are zeroed, the first
        // 10 of the 24 points (9.8 point spacings).
        buffer.Append(Enumerable.Range(0, 360).Select(i => (float)Math.Sin(i / 10.0)).ToArray());
        Assert.True(buffer.TryExtract((360 * 6) - 60, (360 * 6) - 60 - 216, window, out _));
        Assert.All(window[..10], v => Assert.Equal(0f, v));
        Assert.All(window[10..], v => Assert.NotEqual(0f, v));
    }

    [Fact]
    public void Allocates_nothing_per_chunk_or_window()
    {
        var chunk = new float[512];
        var window = new float[AtrialActivityBuffer.Points];

        var allocated = Allocations.Of(() =>
        {
            var buffer = new AtrialActivityBuffer(360);
            buffer.Append(chunk);
            return () =>
            {
                for (var i = 1; i < 100; i++)
                {
                    buffer.Append(chunk);
                    buffer.TryExtract(i * 512, (i * 512) - 300, window, out _);
                }
            };
        });

        Assert.Equal(0, allocated);
    }

    private static float[] Extract(double fs, double[] rr, int beat)
    {
        var (signal, beats) = SyntheticEcg.Generate(fs, rr, pWaves: true, fWaveMv: 0, seed: 3);
        var buffer = new AtrialActivityBuffer(fs);
        buffer.Append(signal);
        var window = new float[AtrialActivityBuffer.Points];
        Assert.True(buffer.TryExtract(beats[beat], beats[beat - 1], window, out _));
        return window;
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
