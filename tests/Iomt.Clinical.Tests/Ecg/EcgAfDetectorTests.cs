using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Clinical.Evaluation;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class EcgAfDetectorTests
{
    private static readonly string[] Unpaced =
    [
        "100", "101", "103", "105", "106", "108", "109", "111", "112", "113", "114", "115", "116", "117", "118", "119",
        "121", "122", "123", "124", "201", "202", "203", "210", "219", "221", "222",
    ];

    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(500)]
    public void Calls_an_irregular_rhythm_without_p_waves_af(double fs)
    {
        var (signal, beats) = SyntheticEcg.Generate(fs, SyntheticEcg.Irregular(200, 0.55, 1.05, seed: 11), pWaves: false, fWaveMv: 0.05, seed: 12);

        var decisions = EcgAfDetection.Run(signal, fs, beats);

        Assert.All(decisions[20..^20], d => Assert.True(d.IsAf, $"interval {d.Index}: P score {d.PWaveScore:F2}"));
        Assert.All(decisions[20..^20], d => Assert.InRange(d.PWaveScore, -1, EcgAfDetector.PWaveThreshold));
    }

    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(500)]
    public void Does_not_call_an_equally_irregular_rhythm_with_p_waves_af(double fs)
    {
        // Sinus rhythm with frequent atrial ectopy: as irregular as the AF case, but every beat has its P wave.
        var rr = SyntheticEcg.Irregular(200, 0.55, 1.05, seed: 11);
        var (signal, beats) = SyntheticEcg.Generate(fs, rr, pWaves: true, fWaveMv: 0, seed: 13);

        var decisions = EcgAfDetection.Run(signal, fs, beats);

        Assert.DoesNotContain(decisions, d => d.IsAf);
        Assert.All(decisions[20..^20], d => Assert.True(d.PWaveScore >= 0.9, $"interval {d.Index}: P score {d.PWaveScore:F2}"));
        var times = beats[1..].Select(b => b / fs).ToArray();
        Assert.True(AfDetection.Run(times, rr).Any(af => af), "the RR intervals alone look like AF");
    }

    [Theory]
    [InlineData(250, 0.16)]
    [InlineData(360, 0.16)]
    [InlineData(360, 0.28)]
    [InlineData(250, 0.36)]
    [InlineData(360, 0.36)]
    [InlineData(500, 0.36)]
    public void Sees_the_p_waves_of_a_long_pr_interval(double fs, double pBeforeR)
    {
        // P waves peaking 160, 280 and 360 ms before the R wave: PR intervals of about 0.19, 0.31 and 0.39 s (onsets
        // 60 ms before the P wave's peak and 30 ms before the R wave's), the last two a first-degree AV block, common in
        // the elderly. With the window starting 300 ms before R instead of 350, the 0.39 s case was called AF throughout
        // (median P score 0.32).
        var rr = SyntheticEcg.Irregular(200, 0.55, 1.05, seed: 11);
        var (signal, beats) = SyntheticEcg.Generate(fs, rr, pWaves: true, fWaveMv: 0, seed: 13, noiseMv: 0.02, pWaveBeforeR: pBeforeR);

        var decisions = EcgAfDetection.Run(signal, fs, beats);

        Assert.True(decisions.Count(d => d.IsAf) <= decisions.Length / 10, $"{decisions.Count(d => d.IsAf)} of {decisions.Length} intervals called AF, median P score {Median(decisions.Select(d => d.PWaveScore)):F2}");
    }

    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(500)]
    public void Still_sees_the_p_waves_of_an_irregular_rhythm_through_broadband_noise(double fs)
    {
        // The same rhythm with P waves, now with white noise of about the P wave's own power inside the atrial band: the
        // P waves' correlation falls to about 0.6 and is corrected back for the noise measured above 20 Hz.
        var rr = SyntheticEcg.Irregular(200, 0.55, 1.05, seed: 11);
        var (signal, beats) = SyntheticEcg.Generate(fs, rr, pWaves: true, fWaveMv: 0, seed: 13, noiseMv: NoiseMv(fs));

        var decisions = EcgAfDetection.Run(signal, fs, beats);

        // Without the correction every interval is called AF here (median P score 0.54–0.58 at these rates).
        Assert.True(decisions.Count(d => d.IsAf) <= decisions.Length / 10, $"{decisions.Count(d => d.IsAf)} of {decisions.Length} intervals called AF");
        Assert.True(Median(decisions.Select(d => d.PWaveScore)) >= 0.85, $"median P score {Median(decisions.Select(d => d.PWaveScore)):F2}");
    }

    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(500)]
    public void Still_calls_af_in_the_same_noise(double fs)
    {
        // The noise has more than twice the f waves' power here, so the correction is at its limit (a doubling); some
        // windows of f waves that happen to line up with the beats then pass for P waves, but few.
        var (signal, beats) = SyntheticEcg.Generate(fs, SyntheticEcg.Irregular(200, 0.55, 1.05, seed: 11), pWaves: false, fWaveMv: 0.05, seed: 12, noiseMv: NoiseMv(fs));

        var decisions = EcgAfDetection.Run(signal, fs, beats)[20..^20];

        Assert.True(decisions.Count(d => d.IsAf) >= decisions.Length * 0.95, $"{decisions.Count(d => d.IsAf)} of {decisions.Length} intervals called AF");
    }

    [Fact]
    public void Does_not_call_a_regular_rhythm_without_p_waves_af()
    {
        // Junctional rhythm: no P waves, but regular.
        var (signal, beats) = SyntheticEcg.Generate(360, Enumerable.Repeat(1.1, 150).ToArray(), pWaves: false, fWaveMv: 0, seed: 14);

        Assert.DoesNotContain(EcgAfDetection.Run(signal, 360, beats), d => d.IsAf);
    }

    [Fact]
    public void Does_not_call_af_on_a_handful_of_measurable_irregularities()
    {
        // Artefacts cut the intervals: every sixth is 0.1 s, too short for a heart, so only one interval in six has four
        // plausible predecessors to measure its irregularity against, about five in a window. The atrial windows are
        // noise (no P waves). Five irregularities are no evidence of AF for the RR detector, nor may they be for this one.
        var random = new Random(21);
        var window = new float[AtrialActivityBuffer.Points];
        var detector = new EcgAfDetector();
        var output = new AfDecision[EcgAfDetector.MaxDecisionsPerAdd];
        var decisions = new List<AfDecision>();
        double t = 0;
        for (var i = 0; i < 300; i++)
        {
            var rr = i % 6 == 0 ? 0.1 : 0.5 + (0.6 * random.NextDouble());
            for (var p = 0; p < window.Length; p++)
            {
                window[p] = (float)SyntheticEcg.Normal(random);
            }

            decisions.AddRange(output.AsSpan(0, detector.Add(t += rr, rr, window, 0.01f, output)).ToArray());
        }

        decisions.AddRange(output.AsSpan(0, detector.Flush(output)).ToArray());

        Assert.Equal(300, decisions.Count);
        Assert.All(decisions, d => Assert.True(d.PWaveScore < EcgAfDetector.PWaveThreshold, $"{d}"));
        Assert.DoesNotContain(decisions, d => d.IsAf);
    }

    [Fact]
    public void Falls_back_to_the_rr_decision_when_no_window_can_be_measured()
    {
        // At 150 bpm the previous T wave covers the P-wave window, so only the RR intervals decide.
        var rr = SyntheticEcg.Irregular(200, 0.35, 0.45, seed: 15);
        var (signal, beats) = SyntheticEcg.Generate(360, rr, pWaves: true, fWaveMv: 0, seed: 16);
        var times = beats[1..].Select(b => b / 360.0).ToArray();
        var sampledRr = beats.Zip(beats[1..], (a, b) => (b - a) / 360.0).ToArray();

        var decisions = EcgAfDetection.Run(signal, 360, beats);

        Assert.All(decisions, d => Assert.True(double.IsNaN(d.PWaveScore)));
        Assert.Equal(AfDetection.Run(times, sampledRr), decisions.Select(d => d.IsAf).ToArray());
    }

    [Fact]
    public void Allocates_nothing_per_interval()
    {
        var output = new AfDecision[EcgAfDetector.MaxDecisionsPerAdd];
        var window = Enumerable.Range(0, AtrialActivityBuffer.Points).Select(i => (float)Math.Sin(i)).ToArray();
        var rr = SyntheticEcg.Irregular(300, 0.5, 1.0, seed: 17);

        var allocated = Allocations.Of(() =>
        {
            var detector = new EcgAfDetector();
            double t = 0;
            for (var i = 0; i < 50; i++)
            {
                detector.Add(t += rr[i], rr[i], window, 0.01f, output);
            }

            return () =>
            {
                for (var i = 50; i < rr.Length; i++)
                {
                    detector.Add(t += rr[i], rr[i], window, 0.01f, output);
                }
            };
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Reaches_the_measured_figures_on_mitdb_with_reference_and_detected_beats()
    {
        var scores = Unpaced.AsParallel().Select(name => (name, score: Score(name))).ToList();
        var afRecords = scores.Where(s => s.name[0] == '2').Aggregate((default(BinaryConfusion), default(BinaryConfusion)), (a, s) => (a.Item1 + s.score.Reference, a.Item2 + s.score.Detected));
        var allRecords = scores.Aggregate((default(BinaryConfusion), default(BinaryConfusion)), (a, s) => (a.Item1 + s.score.Reference, a.Item2 + s.score.Detected));

        // Measured 2026-11-23, session 11, with the noise correction and the window from 350 ms (docs/validation/ecg.md).
        // Reference beats: AF records Se 99.11 %, Sp 84.44 %; all 27 unpaced Sp 98.40 %. Our QRS detections
        // (iomt analyze ecg): Se 99.21 %, Sp 82.96 %; 98.05 %.
        Assert.True(afRecords.Item1.Sensitivity >= 0.985, $"Se {afRecords.Item1.Sensitivity:P2}");
        Assert.True(afRecords.Item1.Specificity >= 0.840, $"Sp {afRecords.Item1.Specificity:P2}");
        Assert.True(allRecords.Item1.Specificity >= 0.980, $"Sp {allRecords.Item1.Specificity:P2}");
        Assert.True(afRecords.Item2.Sensitivity >= 0.985, $"Se (detected beats) {afRecords.Item2.Sensitivity:P2}");
        Assert.True(afRecords.Item2.Specificity >= 0.825, $"Sp (detected beats) {afRecords.Item2.Specificity:P2}");
        Assert.True(allRecords.Item2.Specificity >= 0.980, $"Sp (detected beats) {allRecords.Item2.Specificity:P2}");

        // Episode by episode (EC57), as the server alerts with the 30-s minimum, our detections, 27 records (session 14):
        // 69 of 77 reference episodes found (the missed ones last 1–13 s, but one of 31.8 s in 219 with less than 30 s labelled
        // AF), 2 false alerts (both in the noisy 105),
        // 98.62 % of the AF time covered.
        var alerts = scores.Aggregate(default(AfEpisodeScore), (a, s) => a + s.score.Alerts);
        Assert.True(alerts.ReferenceFound >= 68 && alerts.ReferenceFound + alerts.ReferenceMissed == 77, $"{alerts.ReferenceFound} of {alerts.ReferenceFound + alerts.ReferenceMissed} episodes found");
        Assert.True(alerts.DetectedFalse <= 2, $"{alerts.DetectedFalse} false AF alerts");
        Assert.True(alerts.DurationSensitivity >= 0.98, $"DSe {alerts.DurationSensitivity:P2}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    // White noise that puts about 0.003 mV² (as much as the P wave's mean square over its window) into the 0.3–15 Hz band,
    // whose share of white noise power is about 15.3 Hz over half the sampling rate.
    private static double NoiseMv(double fs) => Math.Sqrt(0.003 * fs / 2 / 15.3);

    private static (BinaryConfusion Reference, BinaryConfusion Detected, AfEpisodeScore Alerts) Score(string name)
    {
        var path = SharedData.PathOf("mitdb", name + ".hea")[..^4];
        var signal = WfdbRecordReader.Read(path).Value!.ToPhysical(0);
        var annotations = MitAnnotationReader.Read(path + ".atr").Value!;
        var rhythm = new ReferenceRhythm(annotations);
        var reference = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var detected = BeatDetection.Run(signal, 360);
        var (detectedScore, labels) = Score(signal, detected, rhythm);
        var end = signal.Length / 360.0;
        var alerts = AfEpisodeScorer.Score(
            rhythm.Episodes(ReferenceRhythm.AtrialFibrillation, 360, end),
            AfEpisodeScorer.FromTracker(detected.Select(b => b / 360.0).ToArray(), labels, end),
            AfEpisodeScorer.LearningSeconds,
            end);
        return (Score(signal, reference, rhythm).Confusion, detectedScore, alerts);
    }

    private static (BinaryConfusion Confusion, bool[] Labels) Score(float[] signal, long[] beats, ReferenceRhythm rhythm)
    {
        var labels = EcgAfDetection.Run(signal, 360, beats).Select(d => d.IsAf).ToArray();
        return (AfIntervalScorer.Score(beats[1..].Select(rhythm.At).ToArray(), labels).Confusion, labels);
    }
}
