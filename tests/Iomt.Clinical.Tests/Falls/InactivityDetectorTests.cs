using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.SisFall;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Falls;

public class InactivityDetectorTests
{
    private static readonly InactivityDetectorOptions FiveMinutes = new() { MaxStillS = 300 };

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void Lying_still_longer_than_the_limit_raises_one_event_when_the_limit_is_reached(double rate)
    {
        var events = Run(SyntheticMotion.StillWithNoise(rate, 900), FiveMinutes);

        var at = Assert.Single(events);
        Assert.InRange(at, 300, 302);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void Lying_still_with_the_noise_of_a_cheaper_sensor_raises_one_event_when_the_limit_is_reached(double rate)
    {
        // White noise of 0.02 g on every axis (twice SisFall's ADXL345): its raw range over a 1-s block reaches 0.1 g
        // at 25 Hz now and then and at 200 Hz nearly always, and judged raw the still time never got to the limit.
        var random = new Random(3);
        double Noise() => 0.02 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var still = SyntheticMotion.Generate(rate, 360, _ => (Noise(), Noise(), 1 + Noise()));

        var at = Assert.Single(Run(still, FiveMinutes));
        Assert.InRange(at, 300, 302);
    }

    [Fact]
    public void Lying_after_a_real_fall_raises_the_event()
    {
        // The last 4 s of the 30 R01 fall trials of SA01 and SE06 (SisFall, 200 Hz: the wearer lying where the fall left
        // them), repeated for 5.5 min. Judged on the raw range, 20 of the 30 raised `inactivity` within the 5-min limit;
        // judged through the 1-Hz low-pass, 28 (the other two hold movement in those 4 s, repeated every 4 s).
        var cache = Path.Combine(RepoPaths.Root, ".cache", "sisfall");
        Directory.CreateDirectory(cache);
        var trials = SisFallDataSet.Locate(SharedData.PathOf("sisfall"), cache, ["SA01", "SE06"]).Where(r => r.Name.StartsWith('F') && r.Name.EndsWith("_R01", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, trials.Count);
        var raised = 0;
        foreach (var trial in trials)
        {
            var fall = SisFallFileReader.Read(trial.Path).Recording!;
            var lying = fall.Length - 800;
            var looped = SyntheticMotion.Generate(fall.SampleRateHz, 330, t =>
            {
                var i = lying + ((int)Math.Round(t * fall.SampleRateHz) % 800);
                return (fall.Ax[i], fall.Ay[i], fall.Az[i]);
            });
            raised += Run(looped, FiveMinutes).Count > 0 ? 1 : 0;
        }

        Assert.True(raised >= 28, $"{raised} of 30 raised");
    }

    [Fact]
    public void Stillness_shorter_than_the_limit_raises_nothing() =>
        Assert.Empty(Run(SyntheticMotion.StillWithNoise(50, 290), FiveMinutes));

    [Fact]
    public void Walking_raises_nothing() =>
        Assert.Empty(Run(SyntheticMotion.Walking(50, 900), FiveMinutes));

    [Fact]
    public void Movement_restarts_the_count_and_allows_a_new_event()
    {
        // 6 min still, 10 s walking, 6 min still: two separate episodes.
        var recording = SyntheticMotion.Generate(50, 730, t => t is >= 360 and < 370
            ? (0.2 * Math.Sin(2 * Math.PI * 2 * t), -1 + (0.3 * Math.Sin(2 * Math.PI * 2 * t)), 0)
            : (0, 0, 1));

        var events = Run(recording, FiveMinutes);

        Assert.Equal(2, events.Count);
        Assert.InRange(events[1], 370 + 300, 370 + 302);
    }

    [Fact]
    public void A_gap_in_the_samples_is_not_counted_as_stillness()
    {
        // 2 min still, the sensor silent for 40 min (taken off to charge), 2 min still again: never 5 min observed.
        var before = SyntheticMotion.StillWithNoise(50, 120);
        var after = SyntheticMotion.StillWithNoise(50, 120);
        Assert.Empty(Run(Joined(before, after, 120 + (40 * 60)), FiveMinutes));
    }

    [Fact]
    public void Stillness_on_both_sides_of_a_gap_raises_once_the_observed_still_time_reaches_the_limit()
    {
        // 2 min still, 40 min silent, then still again: 3 more minutes observed make the 5.
        var before = SyntheticMotion.StillWithNoise(50, 120);
        var after = SyntheticMotion.StillWithNoise(50, 400);
        var resume = 120 + (40 * 60);
        var recording = Joined(before, after, resume);

        var at = Assert.Single(Run(recording, FiveMinutes));
        Assert.InRange(at, resume + 180, resume + 182);
    }

    [Fact]
    public void A_change_of_posture_across_a_gap_is_movement()
    {
        // 4 min lying (z up), 6 h silent, then 4 min upright (y down), both still: the wearer moved in between, so the
        // second stretch alone counts, and 4 min is under the limit.
        var lying = SyntheticMotion.Generate(25, 240, _ => (0, 0, 1));
        var upright = SyntheticMotion.Generate(25, 240, _ => (0, -1, 0));
        var resume = 240 + (6 * 3600);
        var recording = Joined(lying, upright, resume);

        Assert.Empty(Run(recording, FiveMinutes));
    }

    [Fact]
    public void A_link_that_drops_for_11_s_every_2_minutes_delays_the_event_by_the_drops_only()
    {
        // 15 min lying still at 25 Hz; the samples of 120–131 s and 240–251 s never arrived.
        var still = SyntheticMotion.StillWithNoise(25, 900);
        var kept = Enumerable.Range(0, still.Length).Where(i => still.TimeS[i] is not ((>= 120 and < 131) or (>= 240 and < 251))).ToArray();
        var recording = new MotionRecording([.. kept.Select(i => still.TimeS[i])], [.. kept.Select(i => still.Ax[i])], [.. kept.Select(i => still.Ay[i])], [.. kept.Select(i => still.Az[i])]);

        var at = Assert.Single(Run(recording, FiveMinutes));
        Assert.InRange(at, 300 + 22, 300 + 22 + 2);
    }

    // `first`, then `second` shifted to start at `resume` s (a gap between them when `resume` is past the first's end).
    private static MotionRecording Joined(MotionRecording first, MotionRecording second, double resume) => new(
        [.. first.TimeS, .. second.TimeS.Select(t => t + resume)],
        [.. first.Ax, .. second.Ax],
        [.. first.Ay, .. second.Ay],
        [.. first.Az, .. second.Az]);

    private static List<double> Run(MotionRecording recording, InactivityDetectorOptions options)
    {
        var detector = new InactivityDetector(options);
        var events = new List<double>();
        for (var i = 0; i < recording.Length; i++)
        {
            if (detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i]))
            {
                events.Add(recording.TimeS[i]);
            }
        }

        return events;
    }
}
