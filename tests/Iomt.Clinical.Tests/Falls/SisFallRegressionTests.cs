using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.Evaluation;
using Iomt.Clinical.Falls.SisFall;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Falls;

/// <summary>
/// Regression on three SisFall developer subjects (SA03: the hardest young ADL, SE02: elderly ADL only,
/// SE06: the only elderly faller). Floors sit just below the figures measured when the test was written.
/// </summary>
public class SisFallRegressionTests
{
    private static readonly string[] Subjects = ["SA03", "SE02", "SE06"];

    private static readonly Lazy<IReadOnlyList<RecordingCandidates>> Candidates = new(Extract);

    [Fact]
    public void Shipped_model_on_the_subset_keeps_its_figures()
    {
        var options = new FallDetectorOptions();
        var score = LeaveOneSubjectOut.Score(Candidates.Value, options.Model, options.RefractoryS);

        Assert.Equal(150, score.Falls);
        Assert.Equal(206, score.Adl);
        // Measured: Se 99.3 % (149/150), Sp 100 % (206/206).
        Assert.True(score.Sensitivity >= 0.98, $"Se {score.Sensitivity:P1}");
        Assert.True(score.Specificity >= 0.99, $"Sp {score.Specificity:P1}");
    }

    [Fact]
    public void Leave_one_subject_out_within_the_subset_keeps_its_figures()
    {
        var total = LeaveOneSubjectOut.Run(Candidates.Value, new LeaveOneSubjectOut.Settings())
            .Aggregate(FallScore.Empty, (sum, s) => sum.Plus(s.Score));

        // Measured: Se 99.3 %, Sp 100 % (trained on two subjects per fold).
        Assert.True(total.Sensitivity >= 0.98, $"Se {total.Sensitivity:P1}");
        Assert.True(total.Specificity >= 0.99, $"Sp {total.Specificity:P1}");
    }

    [Fact]
    public void Shipped_model_finds_the_elderly_fallers_falls_from_sitting()
    {
        var options = new FallDetectorOptions();
        var se06 = LeaveOneSubjectOut.Score(Candidates.Value.Where(r => r.Recording.Subject == "SE06"), options.Model, options.RefractoryS);

        // Measured: 74 of 75. With the 5 Hz low-pass and 1.6 g threshold used before, 71: three soft falls from
        // sitting never opened a candidate.
        Assert.Equal(75, se06.Falls);
        Assert.True(se06.FallsDetected >= 73, $"{se06.FallsDetected} of 75");
    }

    [Fact]
    public void A_sensor_that_clips_at_2_g_still_finds_the_falls()
    {
        // Many phones measure ±2 g: the impact saturates, and what the low-pass leaves of it no longer reaches the
        // candidate threshold. The axes held at the sensor's limit (FallDetectorOptions.SaturationG) still show it.
        var options = new FallDetectorOptions();
        var withRule = LeaveOneSubjectOut.Score(Extract(2, options), options.Model, options.RefractoryS);
        var withoutRule = LeaveOneSubjectOut.Score(Extract(2, options with { SaturationG = double.PositiveInfinity }), options.Model, options.RefractoryS);

        // Measured: 149 of 150 falls and 203 of 206 ADL with the rule (SA03 lying down quickly, turning over in bed:
        // their brief contact with the mattress saturates too); 141 of 150 and 206 of 206 without it.
        Assert.Equal(150, withRule.Falls);
        Assert.True(withRule.FallsDetected >= 148, $"with the rule: {withRule.FallsDetected} of 150");
        Assert.True(withRule.Specificity >= 0.98, $"with the rule: Sp {withRule.Specificity:P1}");
        Assert.True(withoutRule.FallsDetected <= 143, $"without the rule: {withoutRule.FallsDetected} of 150");
    }

    [Fact]
    public void A_sensor_that_clips_at_2_g_and_samples_at_25_hz_still_finds_the_falls()
    {
        // At 25 Hz a clipped impact often fills a single sample: no reading repeats, and the repeat rule sees nothing.
        // One reading at the limit right after a free fall still opens the candidate. FreeFallG = 0 turns only that
        // part off here (it also gates the candidate after a gap, and SisFall has no gaps).
        var options = new FallDetectorOptions();
        var withRule = LeaveOneSubjectOut.Score(Extract(2, options, 25), options.Model, options.RefractoryS);
        var repeatOnly = LeaveOneSubjectOut.Score(Extract(2, options with { FreeFallG = 0 }, 25), options.Model, options.RefractoryS);

        // Measured: 147 of 150 falls with it, 145 without; no ADL recording with an alarm either way.
        Assert.Equal(150, withRule.Falls);
        Assert.True(withRule.FallsDetected >= 147, $"with the rule: {withRule.FallsDetected} of 150");
        Assert.True(withRule.Specificity >= 0.99, $"with the rule: Sp {withRule.Specificity:P1}");
        Assert.True(repeatOnly.FallsDetected <= 145, $"repeated readings only: {repeatOnly.FallsDetected} of 150");
    }

    [Fact]
    public void The_elderly_fallers_falls_are_found_when_the_device_drops_from_200_to_25_hz_5_s_in()
    {
        // The filters are designed for the rate the stream starts at; they follow it when it changes (RateWatch). The
        // falls of SisFall happen from about 4 s in, so most come within seconds of the change.
        var found = 0;
        var falls = Candidates.Value.Where(r => r.Recording.Subject == "SE06" && r.Recording.IsFall).ToList();
        foreach (var recording in falls)
        {
            var motion = SisFallFileReader.Read(recording.Recording.Path).Recording!;
            var changed = SyntheticMotion.Splice(motion, motion.Resample(25), atS: 5);
            found += FallDetectorTests.Run(changed, SisFallFileReader.SampleRateHz).Count > 0 ? 1 : 0;
        }

        // Measured: 63 of 75 (74 at 200 Hz throughout, 73 at 25 Hz throughout; 16 when the filters kept the 200 Hz
        // design). The new rate is taken at the end of a window of at least 1 s and 32 intervals, up to two windows
        // after the change, and many of SE06's falls come within those 2.6 s.
        Assert.Equal(75, falls.Count);
        Assert.True(found >= 60, $"{found} of 75");
    }

    [Fact]
    public void Recordings_cut_to_start_1_s_before_their_strongest_sample_keep_most_falls_and_raise_no_false_alarm()
    {
        // Data sets that cut windows around the impact, or a stream back after a gap just before a fall: the run starts
        // after the reference windows 6 to 2.5 s before the impact, and its first raw samples are the only posture
        // before the fall.
        var falls = 0;
        var found = 0;
        var alarms = 0;
        foreach (var recording in Candidates.Value)
        {
            var motion = SisFallFileReader.Read(recording.Recording.Path).Recording!;
            var strongest = Enumerable.Range(0, motion.Length).MaxBy(i => (motion.Ax[i] * motion.Ax[i]) + (motion.Ay[i] * motion.Ay[i]) + (motion.Az[i] * motion.Az[i]));
            var startS = motion.TimeS[strongest] - 1;
            var raised = FallDetectorTests.Run(SyntheticMotion.Where(motion, t => t >= startS), motion.SampleRateHz).Count > 0;
            falls += recording.Recording.IsFall ? 1 : 0;
            found += recording.Recording.IsFall && raised ? 1 : 0;
            alarms += !recording.Recording.IsFall && raised ? 1 : 0;
        }

        // Measured: 125 of 150 falls, 0 of 206 ADL recordings with an alarm (all ten subjects: 489 of 525 falls, 1 of
        // 719; uncut 521 and 1). When a run had to start 1.5 s before the impact to have a posture reference: 4 of 150.
        Assert.Equal(150, falls);
        Assert.True(found >= 120, $"{found} of 150 falls");
        Assert.True(alarms <= 1, $"{alarms} ADL recordings with an alarm");
    }

    [Fact]
    public void Replaying_candidates_gives_the_same_falls_as_the_streaming_detector()
    {
        foreach (var recording in Candidates.Value.Where(r => r.Recording.Subject == "SE06").Take(40))
        {
            var motion = SisFallFileReader.Read(recording.Recording.Path).Recording!;
            var streamed = FallDetectorTests.Run(motion, motion.SampleRateHz);
            var replayed = recording.FallTimes(FallModelDefaults.Waist, new FallDetectorOptions().RefractoryS);

            Assert.Equal(streamed, replayed);
        }
    }

    private static List<RecordingCandidates> Extract() => Extract(double.PositiveInfinity, new FallDetectorOptions());

    // The subset's candidates, resampled to rateHz (SisFall: 200 Hz) and every axis then clipped to ±rangeG.
    private static List<RecordingCandidates> Extract(double rangeG, FallDetectorOptions options, double rateHz = SisFallFileReader.SampleRateHz)
    {
        var cache = Path.Combine(RepoPaths.Root, ".cache", "sisfall");
        Directory.CreateDirectory(cache);
        var recordings = SisFallDataSet.Locate(SharedData.PathOf("sisfall"), cache, Subjects);
        return recordings.Select(r => RecordingCandidates.Extract(r, SisFallFileReader.Read(r.Path).Recording!.Resample(rateHz).Clip(rangeG), options)).ToList();
    }
}
