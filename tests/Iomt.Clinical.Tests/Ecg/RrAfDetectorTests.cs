using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class RrAfDetectorTests
{
    [Fact]
    public void Labels_irregular_intervals_af_and_sinus_rhythm_not_af()
    {
        var random = new Random(7);
        var rr = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            rr.Add(0.8 + (0.02 * Math.Sin(i / 5.0)));
        }

        for (var i = 0; i < 200; i++)
        {
            rr.Add(0.4 + (0.6 * random.NextDouble()));
        }

        var labels = Run(rr);

        Assert.All(labels[..180], af => Assert.False(af));
        Assert.All(labels[220..], af => Assert.True(af));
    }

    [Fact]
    public void Needs_eight_measurable_intervals_before_calling_af()
    {
        var random = new Random(11);
        var irregular = Enumerable.Range(0, 40).Select(_ => 0.4 + (0.6 * random.NextDouble())).ToList();

        // The same irregular intervals: ten are enough evidence (8 irregularities: the first two have no history),
        // nine are not, and neither are ten of which two are artefacts.
        Assert.All(Run(irregular[..10]), af => Assert.True(af));
        Assert.All(Run(irregular[..9]), af => Assert.False(af));
        Assert.All(Run([.. irregular[..8], 4.0, 0.05]), af => Assert.False(af));
        Assert.All(Run(irregular), af => Assert.True(af));
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(20, 4.0)]
    [InlineData(40, 0.05)]
    public void Labels_windows_without_a_plausible_interval_non_af(int count, double rr)
    {
        // A single row, or a stretch with no interval in 0.2–3 s (a pause under 20 beats/min, artefacts): nothing to
        // measure, so non-AF rather than a median of nothing.
        Assert.All(Run(Enumerable.Repeat(rr, count).ToList()), af => Assert.False(af));
    }

    [Fact]
    public void Does_not_call_bigeminy_or_isolated_ectopics_af()
    {
        var rr = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            rr.Add(i % 2 == 0 ? 0.55 : 1.05); // ventricular bigeminy: short-long pairs
        }

        for (var i = 0; i < 200; i++)
        {
            rr.Add(i % 10 == 0 ? 0.5 : i % 10 == 1 ? 1.1 : 0.8); // one premature beat in ten
        }

        Assert.DoesNotContain(true, Run(rr));
    }

    [Fact]
    public void Still_calls_slow_rate_controlled_af_af_and_slow_sinus_arrhythmia_not()
    {
        // The threshold is a heart-rate change, so slow rhythms need more relative irregularity.
        var random = new Random(5);
        var rr = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            rr.Add(1.1 * (1 + (0.08 * Math.Sin(2 * Math.PI * i / 4.5)))); // 55 bpm, ±8 % respiratory modulation
        }

        for (var i = 0; i < 200; i++)
        {
            rr.Add(0.7 + (0.8 * random.NextDouble())); // rate-controlled AF: 40–86 bpm, mean 55 bpm, RR CV 0.21
        }

        var labels = Run(rr);

        Assert.All(labels[..180], af => Assert.False(af));
        var share = labels[220..].Count(af => af) / 180.0;
        Assert.True(share >= 0.9, $"{share:P0} of slow AF labelled AF"); // less irregular slow AF (CV 0.16) drops to ~77 %, see docs
    }

    [Fact]
    public void Does_not_call_trigeminy_or_quadrigeminy_af()
    {
        var rr = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            rr.Add(i % 3 == 0 ? 0.5 : i % 3 == 1 ? 1.1 : 0.8); // ventricular trigeminy: N N V
        }

        for (var i = 0; i < 300; i++)
        {
            rr.Add(i % 4 == 0 ? 0.5 : i % 4 == 1 ? 1.1 : 0.8); // quadrigeminy: N N N V
        }

        Assert.DoesNotContain(true, Run(rr));
    }

    [Fact]
    public void Decides_each_interval_within_16_intervals_or_30_seconds()
    {
        var detector = new RrAfDetector();
        var buffer = new AfDecision[RrAfDetector.MaxDecisionsPerAdd];
        var decidedBy = new Dictionary<long, int>();
        double time = 0;
        for (var i = 0; i < 100; i++)
        {
            var rr = i < 50 ? 0.8 : 2.5; // slow rhythm: the 30 s bound binds before the 16 intervals
            time += rr;
            var n = detector.Add(time, rr, buffer);
            foreach (var d in buffer[..n])
            {
                decidedBy[d.Index] = i;
            }
        }

        var remaining = detector.Flush(buffer);
        Assert.Equal(100, decidedBy.Count + remaining);
        Assert.InRange(remaining, 1, 13);
        Assert.All(decidedBy, kv => Assert.InRange(kv.Value - kv.Key, 1, 16));
        Assert.Equal(16, decidedBy[20] - 20);
        Assert.True(decidedBy[80] - 80 <= 13, "at 2.5 s per interval, the 13th next interval is the first beyond 30 s");
    }

    [Fact]
    public void Reaches_the_measured_figures_on_mitdb_reference_rr_intervals()
    {
        var afRecords = new BinaryConfusion();
        var allRecords = new BinaryConfusion();
        foreach (var name in new[] { "100", "101", "103", "105", "106", "108", "109", "111", "112", "113", "114", "115", "116", "117", "118", "119", "121", "122", "123", "124", "201", "202", "203", "210", "219", "221", "222" })
        {
            var annotations = MitAnnotationReader.Read(SharedData.PathOf("mitdb", name + ".atr")).Value!;
            var rhythm = new ReferenceRhythm(annotations);
            var beats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
            var times = beats[1..].Select(b => b / 360.0).ToArray();
            var rr = beats.Zip(beats[1..], (a, b) => (b - a) / 360.0).ToArray();
            var score = AfIntervalScorer.Score(beats[1..].Select(rhythm.At).ToArray(), AfDetection.Run(times, rr)).Confusion;
            allRecords += score;
            afRecords += rhythm.HasAtrialFibrillation ? score : default;
        }

        // Measured 2026-11-22 (docs/validation/ecg.md): AF records Se 98.48 %, Sp 53.44 %; all unpaced Sp 92.80 %.
        Assert.True(afRecords.Sensitivity >= 0.980, $"Se {afRecords.Sensitivity:P2}");
        Assert.True(afRecords.Specificity >= 0.530, $"Sp {afRecords.Specificity:P2}");
        Assert.True(allRecords.Specificity >= 0.925, $"Sp {allRecords.Specificity:P2}");
    }

    private static bool[] Run(List<double> rr)
    {
        var times = new double[rr.Count];
        double t = 0;
        for (var i = 0; i < rr.Count; i++)
        {
            t += rr[i];
            times[i] = t;
        }

        return AfDetection.Run(times, rr.ToArray());
    }
}
