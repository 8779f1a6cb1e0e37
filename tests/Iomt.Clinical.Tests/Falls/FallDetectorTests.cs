using System.Globalization;
using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Clinical.Tests.Falls;

public class FallDetectorTests
{
    [Theory]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(200)]
    public void Free_fall_impact_and_lying_still_is_one_fall_at_any_rate(double rate)
    {
        var falls = Run(SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8), rate);

        var fall = Assert.Single(falls);
        // Raised at the end of the fixed post-impact window (2 s after the peak), never earlier.
        Assert.InRange(fall, 8 + 2 - 0.05, 8 + 2 + 0.6);
    }

    [Fact]
    public void Fall_time_hardly_depends_on_the_sampling_rate()
    {
        var at25 = Assert.Single(Run(SyntheticMotion.FallThenLyingStill(25), 25));
        var at200 = Assert.Single(Run(SyntheticMotion.FallThenLyingStill(200), 200));

        Assert.InRange(Math.Abs(at25 - at200), 0, 0.1);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void Walking_raises_no_fall(double rate) => Assert.Empty(Run(SyntheticMotion.Walking(rate), rate));

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void Sitting_down_raises_no_fall(double rate) => Assert.Empty(Run(SyntheticMotion.SitDown(rate), rate));

    [Fact]
    public void No_fall_is_raised_before_the_post_impact_window_ends()
    {
        // Cut the stream 1.5 s after the impact: the detector must not have decided yet.
        var recording = SyntheticMotion.FallThenLyingStill(100, fallAtS: 8, durationS: 9.5);

        Assert.Empty(Run(recording, 100, flush: false));
    }

    [Theory]
    [InlineData(12.5)]
    [InlineData(25)]
    [InlineData(200.0 / 7)]
    [InlineData(200)]
    public void A_fall_is_raised_at_a_sample_it_was_decided_on_not_before(double rate)
    {
        // The post-impact window ends on the detector's 50-Hz grid, and the grid point there is interpolated towards the
        // first sample at or after it: the fall is known at that sample, and raised at its time. A stream that stops at
        // that time raises it then (a review found falls stamped up to one input period before the sample they needed).
        for (var fallAt = 8.0; fallAt < 8.2; fallAt += 0.013)
        {
            var recording = SyntheticMotion.FallThenLyingStill(rate, fallAtS: fallAt);
            var at = Assert.Single(Run(recording, rate, flush: false));
            Assert.Contains(at, recording.TimeS);

            var prefix = SyntheticMotion.Where(recording, t => t <= at);
            Assert.Equal([at], Run(prefix, rate, flush: false));
        }
    }

    [Theory]
    [InlineData(25, 9.0)]
    [InlineData(100, 9.5)]
    [InlineData(200, 9.9)]
    public void A_recording_that_stops_within_the_post_impact_window_still_raises_its_fall_at_the_end(double rate, double durationS)
    {
        // The impact is at about 8.05 s; the recording stops 0.95–1.85 s later, before the 2-s window is complete.
        var recording = SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8, durationS: durationS);

        var fall = Assert.Single(Run(recording, rate));

        Assert.InRange(fall, durationS - (2 / rate) - 0.02, durationS);
    }

    [Fact]
    public void A_gap_in_the_samples_1_2_s_after_the_impact_decides_the_fall_at_the_last_sample_before_it()
    {
        // The detector restarts after a gap over 1 s; before that, the impact it cut short is decided.
        var full = SyntheticMotion.FallThenLyingStill(100, fallAtS: 8, durationS: 20);
        var gapped = SyntheticMotion.Where(full, t => t <= 9.25 || t >= 13);

        var fall = Assert.Single(Run(gapped, 100, flush: false));

        Assert.InRange(fall, 9.22, 9.25);
    }

    [Fact]
    public void A_fall_decided_early_because_the_stream_went_quiet_is_not_raised_again_when_the_samples_continue()
    {
        var recording = SyntheticMotion.FallThenLyingStill(100, fallAtS: 8, durationS: 20);
        var detector = new FallDetector(100);
        var falls = new List<double>();
        var i = 0;
        for (; recording.TimeS[i] <= 9.25; i++)
        {
            Assert.False(detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _));
        }

        Assert.True(detector.Flush(out var early));
        for (; i < recording.Length; i++)
        {
            if (detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out var t))
            {
                falls.Add(t);
            }
        }

        Assert.InRange(early, 9.22, 9.25);
        Assert.Empty(falls);
    }

    [Fact]
    public void An_impact_with_less_than_the_minimum_recorded_after_it_is_not_scored_at_the_end()
    {
        var sink = new RecordingSink();
        var recording = SyntheticMotion.FallThenLyingStill(100, fallAtS: 8, durationS: 8.6);
        var detector = new FallDetector(100, sink: sink);
        for (var i = 0; i < recording.Length; i++)
        {
            detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _);
        }

        Assert.False(detector.Flush(out _));
        Assert.Empty(sink.Candidates);
    }

    [Fact]
    public void Two_falls_further_apart_than_the_refractory_time_are_two_events()
    {
        var first = SyntheticMotion.FallThenLyingStill(50, fallAtS: 8, durationS: 20);
        var second = SyntheticMotion.FallThenLyingStill(50, fallAtS: 8, durationS: 20);
        var joined = new MotionRecording(
            [.. first.TimeS, .. second.TimeS.Select(t => t + 20)], [.. first.Ax, .. second.Ax], [.. first.Ay, .. second.Ay], [.. first.Az, .. second.Az]);

        Assert.Equal(2, Run(joined, 50).Count);
    }

    [Fact]
    public void A_candidate_sink_sees_the_impact_and_its_features()
    {
        var sink = new RecordingSink();
        var recording = SyntheticMotion.FallThenLyingStill(200, fallAtS: 8);
        var detector = new FallDetector(200, sink: sink);
        for (var i = 0; i < recording.Length; i++)
        {
            detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _);
        }

        var impact = sink.Candidates.MaxBy(c => c.Features[0]);
        Assert.InRange(impact.ImpactTimeS, 7.95, 8.3);
        Assert.InRange(impact.Features[3], 80, 100); // upright to lying on the side: about 90°
        Assert.InRange(impact.Features[1], 0, 0.5); // free fall reached well below 1 g
    }

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void A_slow_slump_before_the_drop_counts_in_the_posture_change(double rate)
    {
        var sink = new RecordingSink();
        var recording = SyntheticMotion.SlumpThenFall(rate, fallAtS: 10);
        var detector = new FallDetector(rate, sink: sink);
        for (var i = 0; i < recording.Length; i++)
        {
            detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _);
        }

        var impact = sink.Candidates.MaxBy(c => c.Features[0]);
        Assert.InRange(impact.ImpactTimeS, 9.95, 10.3);
        // Sitting upright to prone is 90°; a reference only 1.5–2.5 s before the impact sees about 45°.
        Assert.InRange(impact.Features[3], 80, 95);

        var shortLookback = new RecordingSink();
        detector = new FallDetector(rate, new FallDetectorOptions { PostureLookbackS = 2.5 }, shortLookback);
        for (var i = 0; i < recording.Length; i++)
        {
            detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _);
        }

        Assert.InRange(shortLookback.Candidates.MaxBy(c => c.Features[0]).Features[3], 35, 60);
    }

    [Fact]
    public void A_slow_slump_then_a_drop_is_one_fall() => Assert.Single(Run(SyntheticMotion.SlumpThenFall(50), 50));

    [Theory]
    [InlineData(50, 0.3)]
    [InlineData(50, 0.6)]
    [InlineData(200, 0.4)]
    public void An_impact_lost_in_a_gap_after_a_free_fall_is_still_a_fall(double rate, double gapS)
    {
        // Packets lost from the last tenth of a second of the free fall on: the impact is in the gap, and the samples
        // resume with the wearer lying still.
        var fall = SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8);
        var gapped = SyntheticMotion.Where(fall, t => t < 7.9 || t >= 7.9 + gapS);

        var falls = Run(gapped, rate);

        var time = Assert.Single(falls);
        Assert.InRange(time, 7.9 + gapS + 2, 7.9 + gapS + 2.6); // 2 s after the first sample after the gap (the peak search may move it)
        // The same gap without the free fall before it (the lost samples replaced by standing still) opens nothing.
        Assert.Empty(Run(new MotionRecording(gapped.TimeS, gapped.Ax, [.. gapped.Ay.Select((y, i) => gapped.TimeS[i] < 8 ? -1 : y)], gapped.Az), rate));
    }

    [Theory]
    [InlineData(200, 25)]
    [InlineData(25, 200)]
    [InlineData(100, 50)]
    public void The_filters_follow_a_device_that_changes_its_sampling_rate(double from, double to)
    {
        // The detector is built for the first rate; 4 s in, the samples come at the second. A 2.25 Hz low-pass designed
        // for 200 Hz and run at 25 Hz cuts at 0.28 Hz, and the impact no longer reaches the candidate threshold.
        var fall = SyntheticMotion.Splice(SyntheticMotion.FallThenLyingStill(from), SyntheticMotion.FallThenLyingStill(to), atS: 4);
        var detector = new FallDetector(from);

        var falls = Run(fall, detector);

        Assert.InRange(Assert.Single(falls), 8 + 2 - 0.05, 8 + 2 + 0.6);
        Assert.InRange(detector.SampleRateHz, 0.99 * to, 1.01 * to);
        var walk = SyntheticMotion.Splice(SyntheticMotion.Walking(from), SyntheticMotion.Walking(to), atS: 4);
        Assert.Empty(Run(walk, from));
    }

    [Theory]
    [InlineData("jitter")]
    [InlineData("round 0.01")]
    [InlineData("round 0.1")]
    [InlineData("batch 8")]
    [InlineData("batch 12")]
    [InlineData("batch 20")]
    [InlineData("loss 0.3")]
    [InlineData("loss 4 of 16")]
    [InlineData("frozen 0.9")]
    public void Uneven_clocks_and_lost_samples_are_not_a_change_of_rate(string impairment)
    {
        // A fall at 200 Hz as phones and gateways deliver it: stamped at uneven moments (±45 % of the period), rounded
        // to 0.01 or 0.1 s, stamped in batches with the batch's first time, 30 % of the samples lost at random or 4 of
        // every 16, or a clock that stands still for 0.9 s (less than a gap). The detector starts at the rate the
        // first 200 samples show, as `iomt analyze motion` does, and keeps it (a 25 % change is a new rate).
        var fall = SyntheticMotion.FallThenLyingStill(200, fallAtS: 8);
        var random = new Random(5);
        var parts = impairment.Split(' ');
        var kept = Enumerable.Range(0, fall.Length).Where(i => parts[0] switch
        {
            "loss" when parts.Length == 2 => random.NextDouble() >= double.Parse(parts[1], CultureInfo.InvariantCulture),
            "loss" => i % 16 >= 4,
            _ => true,
        }).ToArray();
        double Stamp(int i) => parts[0] switch
        {
            "jitter" => fall.TimeS[i] + (0.9 * (random.NextDouble() - 0.5) / 200),
            "round" => Math.Round(fall.TimeS[i] / double.Parse(parts[1], CultureInfo.InvariantCulture)) * double.Parse(parts[1], CultureInfo.InvariantCulture),
            "batch" => fall.TimeS[i / int.Parse(parts[1], CultureInfo.InvariantCulture) * int.Parse(parts[1], CultureInfo.InvariantCulture)],
            "frozen" => fall.TimeS[i] is > 3 and < 3.9 ? 3 : fall.TimeS[i],
            _ => fall.TimeS[i],
        };
        var stamped = new MotionRecording([.. kept.Select(Stamp)], [.. kept.Select(i => fall.Ax[i])], [.. kept.Select(i => fall.Ay[i])], [.. kept.Select(i => fall.Az[i])]);
        var start = MotionRecording.EstimateRate(stamped.TimeS.AsSpan(0, 200));
        var detector = new FallDetector(start);
        var rates = new HashSet<double>();
        var falls = new List<double>();
        for (var i = 0; i < stamped.Length; i++)
        {
            if (detector.Add(stamped.TimeS[i], stamped.Ax[i], stamped.Ay[i], stamped.Az[i], out var t))
            {
                falls.Add(t);
            }

            rates.Add(detector.SampleRateHz);
        }

        Assert.Single(falls);
        Assert.Equal(start, Assert.Single(rates));
    }

    [Fact]
    public void Gaps_while_walking_raise_nothing()
    {
        var walk = SyntheticMotion.Walking(50, 60);
        var gapped = SyntheticMotion.Where(walk, t => t % 2 >= 0.4);

        Assert.Empty(Run(gapped, 50));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(200)]
    public void A_fall_whose_impact_a_2_g_sensor_clips_is_still_a_fall(double rate)
    {
        // A ±2 g phone reads the 3.9 g, 60-ms impact as 2 g on two axes; after the low-pass too little is left to cross
        // the candidate threshold, so only the axes held at the sensor's limit show the impact.
        var fall = SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8, impactS: 0.06);
        var clipped = fall.Clip(2);
        var withoutTheRule = new FallDetectorOptions { SaturationG = double.PositiveInfinity };

        var time = Assert.Single(Run(clipped, rate));
        Assert.InRange(time, 8 + 2 - 0.05, 8 + 2 + 0.6);
        Assert.Empty(Run(clipped, rate, options: withoutTheRule));
        Assert.Single(Run(fall, rate, options: withoutTheRule));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    public void An_axis_held_at_the_limit_for_one_sampling_period_counts_whatever_the_sample_times(int readingsAtLimit, int candidates)
    {
        // 50 Hz, lying still with sensor noise, every sample stamped up to ±45 % of a period early or late (a phone);
        // at 5 s the z axis reads -2 g for readingsAtLimit samples, the second stamped only 8 ms after the first. Two
        // readings are one sampling period at the limit, whatever their stamps say, and the rate estimated from the
        // stamps is a little off 50 Hz; one reading at 50 Hz is not. Too brief to reach the candidate threshold after
        // the low-pass: any candidate comes from the saturation rule.
        var still = SyntheticMotion.StillWithNoise(50, 12);
        var random = new Random(3);
        var times = still.TimeS.Select((t, i) => i switch { 250 => t + 0.006, 251 => t - 0.006, _ => t + (0.009 * ((2 * random.NextDouble()) - 1)) }).ToArray();
        var rate = MotionRecording.EstimateRate(times);
        var sink = new RecordingSink();
        var detector = new FallDetector(rate, sink: sink);
        for (var i = 0; i < still.Length; i++)
        {
            var knock = i >= 250 && i < 250 + readingsAtLimit;
            detector.Add(times[i], still.Ax[i], still.Ay[i], knock ? -2 : still.Az[i], out _);
        }

        Assert.NotEqual(50, rate);
        Assert.Equal(candidates, sink.Candidates.Count);
    }

    [Theory]
    [InlineData(0.010, 0.0, 0)] // 3 samples at 200 Hz: a peak read the same a few times, not a sensor at its limit
    [InlineData(0.025, 0.0, 1)] // 6 samples: held at the limit
    [InlineData(0.050, 0.001, 0)] // 11 samples alternating by 1 mg: a real signal, however strong
    [InlineData(0.050, 0.0, 1)]
    public void An_axis_is_taken_as_saturated_only_when_it_holds_the_same_reading_for_20_ms(double heldS, double alternateG, int candidates)
    {
        // Lying still with sensor noise; at 5 s the z axis reads -2 g (a knock on a ±2 g sensor). Too brief to reach the
        // candidate threshold after the low-pass: any candidate comes from the saturation rule.
        var still = SyntheticMotion.StillWithNoise(200, 12);
        var z = still.Az.Select((v, i) => still.TimeS[i] is var t && t >= 5 - 1e-9 && t <= 5 + heldS + 1e-9 ? -2 - (i % 2 * alternateG) : v).ToArray();
        var sink = new RecordingSink();
        var detector = new FallDetector(200, sink: sink);
        for (var i = 0; i < still.Length; i++)
        {
            detector.Add(still.TimeS[i], still.Ax[i], still.Ay[i], z[i], out _);
        }

        Assert.Equal(candidates, sink.Candidates.Count);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(25)]
    public void A_clipped_impact_that_fills_a_single_sample_is_still_a_fall(double rate)
    {
        // At a low rate a ±2 g sensor's clipped impact can fill one sample, so no reading repeats to show the limit.
        // That one reading at the limit, right after the free fall, opens the candidate.
        var fall = SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8, impactS: 0.5 / rate);
        var clipped = fall.Clip(2);
        var withoutTheRule = new FallDetectorOptions { SaturationG = double.PositiveInfinity };

        Assert.Equal(1, clipped.Ay.Count(v => v >= 2));
        var time = Assert.Single(Run(clipped, rate));
        Assert.InRange(time, 8 + 2 - 0.05, 8 + 2 + 0.6);
        Assert.Empty(Run(clipped, rate, options: withoutTheRule));
    }

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 1)]
    [InlineData(true, 0.018, 1)]
    public void One_reading_at_the_limit_opens_a_candidate_only_right_after_a_free_fall(bool freeFallBefore, double knockEarlyS, int candidates)
    {
        // 25 Hz, lying still with sensor noise; at 5 s the z axis reads -2 g once (a knock on a ±2 g sensor). Too brief to
        // reach the candidate threshold after the low-pass, and not repeated: only a free fall just before it (0.4 s of
        // almost no acceleration) makes it an impact. Without the saturation settings nothing opens a candidate at all.
        // knockEarlyS: that reading stamped early (a phone), 22 ms after the one before; the sensor still samples at 25 Hz.
        var still = SyntheticMotion.StillWithNoise(25, 12);
        int Candidates(FallDetectorOptions options)
        {
            var sink = new RecordingSink();
            var detector = new FallDetector(25, options, sink);
            for (var i = 0; i < still.Length; i++)
            {
                var t = still.TimeS[i];
                var falling = freeFallBefore && t >= 4.6 - 1e-9 && t < 5 - 1e-9;
                var knock = Math.Abs(t - 5) < 1e-9;
                detector.Add(knock ? t - knockEarlyS : t, falling ? 0.05 : still.Ax[i], falling ? 0.05 : still.Ay[i], knock ? -2 : falling ? 0.05 : still.Az[i], out _);
            }

            return sink.Candidates.Count;
        }

        Assert.Equal(candidates, Candidates(new FallDetectorOptions()));
        Assert.Equal(0, Candidates(new FallDetectorOptions { SaturationG = double.PositiveInfinity }));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(200)]
    public void A_fall_soon_after_a_run_starts_takes_its_upright_posture_from_the_runs_first_raw_samples(double rate)
    {
        // The file starts (or the stream comes back after a gap) while walking, shortly before the free fall (7.6–8 s):
        // none of the reference windows 6 to 2.5 s before the impact holds half a second of the run. The run's first
        // samples, up to half a second before the impact, show the upright posture.
        var fall = SyntheticMotion.FallThenLyingStill(rate, fallAtS: 8);
        foreach (var startS in new[] { 6.4, 7.0, 7.2 })
        {
            var time = Assert.Single(Run(SyntheticMotion.Where(fall, t => t >= startS - 1e-9), rate));
            Assert.InRange(time, 8 + 2 - 0.05, 8 + 2 + 0.6);
        }

        // Starting 0.5 s before the impact, less than a quarter second of the run comes before the last half second,
        // when the fall is under way: no posture to compare with, no fall.
        Assert.Empty(Run(SyntheticMotion.Where(fall, t => t >= 7.5 - 1e-9), rate));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    public void A_run_that_starts_mid_stride_takes_no_posture_from_its_first_samples(double holeS)
    {
        // Jogging upright: every stride reaches about 1.5 g after the low-pass and opens a candidate. A run that starts
        // mid-stride (a file cut there, or a stream restarting after a gap) begins on a sample far from gravity, and
        // for one start in every half second some candidate has a posture reference window holding only those first
        // few samples. With `holeS`, the run's first sample is followed by a hole shorter than a restart's gap: the
        // run's first half second then holds that one sample. The trunk never leaves upright, whatever the start.
        var jogging = SyntheticMotion.Generate(50, 10, t =>
            (0.6 * Math.Sin(2 * Math.PI * 2.7 * t), -1 - (0.8 * Math.Sin(2 * Math.PI * 2.7 * t)), 0.5 * Math.Cos(2 * Math.PI * 2.7 * t)));
        for (var start = 0; start < 25; start++)
        {
            var sink = new RecordingSink();
            var detector = new FallDetector(50, sink: sink);
            var falls = 0;
            for (var i = start; i < jogging.Length; i++)
            {
                if (i > start && jogging.TimeS[i] < jogging.TimeS[start] + holeS)
                {
                    continue;
                }

                falls += detector.Add(jogging.TimeS[i], jogging.Ax[i], jogging.Ay[i], jogging.Az[i], out _) ? 1 : 0;
            }

            Assert.True(sink.Candidates.Count >= 5, $"run starting at {jogging.TimeS[start]} s: {sink.Candidates.Count} candidates");
            // Across a hole the filtered signal on the grid is interpolated from that first sample, and the reference
            // windows 6 to 2.5 s before an impact can see a posture change (up to 58° here, as before the start-of-run
            // fallback existed); but no fall.
            var largest = sink.Candidates.Max(c => c.Features[3]);
            Assert.True(holeS > 0 || largest < 30, $"run starting at {jogging.TimeS[start]} s: posture change up to {largest:0}°");
            Assert.Equal(0, falls);
        }
    }

    [Fact]
    public void Allocates_nothing_per_sample_including_scoring_falls()
    {
        var recording = SyntheticMotion.SlumpThenFall(100);
        var falls = 0;

        var allocated = Allocations.Of(() =>
        {
            var detector = new FallDetector(100);
            var warmUp = new FallDetector(100);
            for (var i = 0; i < recording.Length; i++)
            {
                warmUp.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _);
            }

            falls = 0;
            return () =>
            {
                for (var i = 0; i < recording.Length; i++)
                {
                    falls += detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out _) ? 1 : 0;
                }
            };
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1, falls);
    }

    [Fact]
    public void Rejects_a_non_positive_sampling_rate() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FallDetector(0));

    internal static List<double> Run(MotionRecording recording, double rate, bool flush = true, FallDetectorOptions? options = null) =>
        Run(recording, new FallDetector(rate, options), flush);

    private static List<double> Run(MotionRecording recording, FallDetector detector, bool flush = true)
    {
        var falls = new List<double>();
        for (var i = 0; i < recording.Length; i++)
        {
            if (detector.Add(recording.TimeS[i], recording.Ax[i], recording.Ay[i], recording.Az[i], out var t))
            {
                falls.Add(t);
            }
        }

        if (flush && detector.Flush(out var last))
        {
            falls.Add(last);
        }

        return falls;
    }

    private sealed class RecordingSink : IFallCandidateSink
    {
        public List<(double ImpactTimeS, double[] Features)> Candidates { get; } = [];

        public void OnCandidate(double impactTimeS, double decisionTimeS, ReadOnlySpan<double> features, double probability) =>
            Candidates.Add((impactTimeS, features.ToArray()));
    }
}
