using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class RrAfDetectorTests
{
    [Theory]
    [InlineData(200, 200, 7, 180, 220)]
    [InlineData(300, 60, 13, 295, 310)] // a short run right after the sinus rhythm: labelled within ten beats of its onset
    public void Labels_irregular_intervals_af_and_a_smooth_sinus_rhythm_before_them_not_af(int sinus, int af, int seed, int lastSinusLabel, int firstAfLabel)
    {
        // A sinus rhythm whose intervals drift smoothly (nearly every change goes on in the direction of the last), then AF.
        // Windows that straddle the onset hold both; the AF side does not oscillate, so the labels turn where the
        // irregularity alone turns them (judging the whole window at once for an oscillation delayed them past 310).
        var random = new Random(seed);
        var rr = new List<double>();
        for (var i = 0; i < sinus; i++)
        {
            rr.Add(0.8 + (0.02 * Math.Sin(i / 5.0)));
        }

        for (var i = 0; i < af; i++)
        {
            rr.Add(0.4 + (0.6 * random.NextDouble()));
        }

        var labels = Run(rr);

        Assert.All(labels[..lastSinusLabel], af => Assert.False(af));
        Assert.All(labels[firstAfLabel..], af => Assert.True(af));
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

    [Theory]
    [InlineData(4.0, 0.15, 0.0)] // 4.4 beats a breath: too few go on in one direction, each change opposes the one two before
    [InlineData(6.0, 0.15, 0.0)]
    [InlineData(10.0, 0.2, 0.0)] // slow breathing, the largest swing
    [InlineData(6.0, 0.15, 0.03)] // with 3 % premature beats
    [InlineData(10.0, 0.1, 0.03)]
    public void Does_not_call_respiratory_sinus_arrhythmia_af_however_large_the_swing(double breathSeconds, double swingSeconds, double premature)
    {
        // Around 0.9 s (67 /min), swinging by ±swing over each breath, with 8 ms of beat-to-beat jitter; a premature beat
        // comes at 70 % of the interval.
        var random = new Random(3);
        var rr = new List<double>();
        double t = 0;
        for (var i = 0; i < 600; i++)
        {
            var interval = 0.9 + (swingSeconds * Math.Sin(2 * Math.PI * t / breathSeconds)) + (0.008 * Gaussian(random));
            interval *= random.NextDouble() < premature ? 0.7 : 1;
            rr.Add(interval);
            t += interval;
        }

        var decisions = Decide(rr);

        // The irregularity alone would call most of it AF; that its changes follow the breath is what says otherwise.
        Assert.True(decisions.Count(d => 60 * d.Irregularity / 0.9 > RrAfDetector.ThresholdBpm) > decisions.Length / 2, "irregular enough to test the breath");
        Assert.True(decisions.Count(d => d.IsAf) <= decisions.Length * 0.05, $"{decisions.Count(d => d.IsAf)} of {decisions.Length} intervals labelled AF");
    }

    [Fact]
    public void A_short_upload_of_sinus_arrhythmia_is_not_af()
    {
        // Twelve intervals over two breaths: too few for either side of a window to be judged alone.
        List<double> rr = [0.932, 0.802, 0.751, 0.794, 0.892, 1.025, 1.041, 0.903, 0.775, 0.751, 0.808, 0.948];

        Assert.All(Run(rr), af => Assert.False(af));
    }

    [Fact]
    public void Still_calls_af_af_when_a_coarse_clock_repeats_intervals()
    {
        // Every third interval equal to the one before, as a clock with few steps in the range writes AF: a third of the
        // changes are zero. A zero change goes on in no direction, so it cannot make AF look like an oscillation.
        var random = new Random(21);
        var rr = new List<double>();
        for (var i = 0; i < 600; i++)
        {
            rr.Add(i % 3 == 2 ? rr[^1] : 0.4 + (0.6 * random.NextDouble()));
        }

        var labels = Run(rr);

        // 566 of 600 here; none if a zero change counted as going on in the direction of the one before.
        Assert.True(labels.Count(af => af) >= 0.9 * labels.Length, $"{labels.Count(af => af)} of {labels.Length} intervals labelled AF");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)] // short and long intervals alternating, as often in AF: each change repeats the one two before
    public void Still_calls_af_with_a_drifting_rate_or_alternating_intervals_af(double alternation)
    {
        // Independent intervals around a rate that drifts from 120 to 70 /min, each pushed short or long in turn by `alternation`.
        var random = new Random(9);
        var rr = new List<double>();
        for (var i = 0; i < 600; i++)
        {
            var mean = 0.5 + (0.36 * i / 600);
            rr.Add(mean * (1 + (0.18 * Gaussian(random)) + (i % 2 == 0 ? alternation : -alternation) / 2));
        }

        var labels = Run(rr);

        Assert.True(labels.Count(af => af) >= 0.97 * labels.Length, $"{labels.Count(af => af)} of {labels.Length} intervals labelled AF");
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

        // Measured in session 30 (docs/validation/ecg.md): AF records Se 98.36 %, Sp 53.74 %; all unpaced Sp 92.90 %.
        Assert.True(afRecords.Sensitivity >= 0.980, $"Se {afRecords.Sensitivity:P2}");
        Assert.True(afRecords.Specificity >= 0.530, $"Sp {afRecords.Specificity:P2}");
        Assert.True(allRecords.Specificity >= 0.925, $"Sp {allRecords.Specificity:P2}");
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static AfDecision[] Decide(List<double> rr)
    {
        var detector = new RrAfDetector();
        var buffer = new AfDecision[RrAfDetector.MaxDecisionsPerAdd];
        var decisions = new List<AfDecision>();
        double t = 0;
        foreach (var interval in rr)
        {
            t += interval;
            decisions.AddRange(buffer.AsSpan(0, detector.Add(t, interval, buffer)));
        }

        decisions.AddRange(buffer.AsSpan(0, detector.Flush(buffer)));
        return [.. decisions];
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
