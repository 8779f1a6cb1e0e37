using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Evaluation;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class AfScoringTests
{
    [Fact]
    public void Scores_intervals_and_leaves_flutter_out()
    {
        string[] reference = ["(N", "(AFIB", "(AFIB", "(AFL", "(AFL", "(N", "(T"];
        bool[] detected = [false, true, false, true, false, true, false];

        var score = AfIntervalScorer.Score(reference, detected);

        Assert.Equal(new BinaryConfusion(1, 1, 2, 1), score.Confusion);
        Assert.Equal(2, score.FlutterIntervals);
        Assert.Equal(1, score.FlutterLabelledAf);
        Assert.Equal(0.5, score.Confusion.Sensitivity);
        Assert.Equal(2.0 / 3, score.Confusion.Specificity, 10);
    }

    [Fact]
    public void Reference_rhythm_holds_until_the_next_change()
    {
        var rhythm = new ReferenceRhythm(
        [
            new(10, 28, 0, 0, 0, "(N"),
            new(12, 1, 0, 0, 0, string.Empty),
            new(50, 28, 0, 0, 0, "(AFIB"),
        ]);

        Assert.Equal("(N", rhythm.At(5));
        Assert.Equal("(N", rhythm.At(49));
        Assert.Equal("(AFIB", rhythm.At(50));
        Assert.Equal("(AFIB", rhythm.At(5000));
        Assert.True(rhythm.HasAtrialFibrillation);
    }

    [Fact]
    public void Window_bound_swallows_episodes_shorter_than_half_the_window()
    {
        // Intervals 0-9 AF, 10-12 a nodal run, 13-22 AF, 23-28 flutter, 29-31 sinus.
        var reference = Enumerable.Repeat("(AFIB", 10).Concat(Enumerable.Repeat("(NOD", 3)).Concat(Enumerable.Repeat("(AFIB", 10))
            .Concat(Enumerable.Repeat("(AFL", 6)).Concat(Enumerable.Repeat("(N", 3)).ToArray();

        var exact = AfWindowBound.Score(reference, 0, flutterLooksLikeAf: true);
        var flutterAsAf = AfWindowBound.Score(reference, 4, flutterLooksLikeAf: true);
        var flutterApart = AfWindowBound.Score(reference, 4, flutterLooksLikeAf: false);

        Assert.Equal(new BinaryConfusion(20, 0, 6, 0), exact.Confusion);
        Assert.Equal(6, exact.FlutterIntervals);

        // ±4: each nodal interval has 6 AF intervals among its 9 and is outvoted. With flutter on the AF side the
        // first sinus interval is too (4 flutter of 7 at the end of the record); the second is a 3-3 tie, non-AF.
        Assert.Equal(new BinaryConfusion(20, 0, 2, 4), flutterAsAf.Confusion);
        Assert.Equal(new BinaryConfusion(20, 0, 3, 3), flutterApart.Confusion);
    }
    [Fact]
    public void Episodes_match_on_any_overlap_within_the_test_period_and_weigh_the_overlap_by_time()
    {
        Episode[] reference =
        [
            new(200, 290), // ends in the learning period: not scored
            new(100, 350), // clipped to 300-350
            new(400, 500),
            new(600, 620),
            new(800, 830), // nothing detected
        ];
        Episode[] detected =
        [
            new(340, 360), // 10 s of the clipped 300-350
            new(450, 610), // 50 s of 400-500 and 10 s of 600-620: one detection finds two episodes
            new(700, 760), // false
            new(990, 1100), // false, clipped to 990-1000
        ];

        var score = AfEpisodeScorer.Score(reference, detected, 300, 1000);

        Assert.Equal(new AfEpisodeScore(3, 1, 2, 2, 50 + 100 + 20 + 30, 10 + 50 + 10, 20 + 160 + 60 + 10, 10 + 60), score);
        Assert.Equal(0.75, score.EpisodeSensitivity);
        Assert.Equal(0.5, score.EpisodePositivePredictivity);
        Assert.Equal(70.0 / 200, score.DurationSensitivity, 12);
        Assert.Equal(70.0 / 250, score.DurationPositivePredictivity, 12);
    }

    [Fact]
    public void Excluded_flutter_is_taken_out_of_the_detected_episodes_only()
    {
        Episode[] reference = [new(400, 500)];
        Episode[] detected = [new(450, 610), new(700, 760)];
        Episode[] flutter = [new(520, 530), new(690, 770)];

        var ec57 = AfEpisodeScorer.Score(reference, detected, 300, 1000);
        var ec38 = AfEpisodeScorer.Score(reference, detected, 300, 1000, flutter);

        // EC57: the episode detected inside flutter is false. EC38:1998: it vanishes, and the other loses 10 s.
        Assert.Equal(new AfEpisodeScore(1, 0, 1, 1, 100, 50, 220, 50), ec57);
        Assert.Equal(new AfEpisodeScore(1, 0, 1, 0, 100, 50, 150, 50), ec38);
    }

    [Fact]
    public void Pooled_episode_scores_add_counts_and_times()
    {
        var a = new AfEpisodeScore(1, 2, 3, 4, 10, 5, 20, 8);
        var b = new AfEpisodeScore(4, 0, 1, 1, 30, 25, 10, 2);

        Assert.Equal(new AfEpisodeScore(5, 2, 4, 5, 40, 30, 30, 10), a + b);
        Assert.Equal(30.0 / 40, (a + b).DurationSensitivity);
        Assert.True(double.IsNaN(default(AfEpisodeScore).EpisodeSensitivity));
    }

    [Fact]
    public void Labelled_runs_become_episodes_from_the_beat_before_their_first_interval()
    {
        double[] beats = [0, 1, 2, 3, 4, 5];
        bool[] labels = [false, true, true, false, true];

        Assert.Equal([new Episode(1, 3), new Episode(4, 5)], AfEpisodeScorer.FromLabels(beats, labels));
        Assert.Empty(AfEpisodeScorer.FromLabels([0.0], []));
        Assert.Throws<ArgumentException>(() => AfEpisodeScorer.FromLabels(beats, labels[..3]));
    }

    [Fact]
    public void Alerted_episodes_need_30_s_of_af_and_an_open_one_runs_to_the_end_of_the_record()
    {
        // One beat per second; a 20-s AF run at 20-40 s, AF from 80 to 180 s, AF again from 230 s to the last beat at
        // 270 s; the record ends at 300 s. The 40 s without AF after the short run reset what it had added up.
        var beats = Enumerable.Range(0, 271).Select(t => (double)t).ToArray();
        var labels = Enumerable.Range(0, 270).Select(i => i is >= 20 and < 40 or >= 80 and < 180 or >= 230).ToArray();

        Assert.Equal([new Episode(20, 40), new Episode(80, 180), new Episode(230, 270)], AfEpisodeScorer.FromLabels(beats, labels));
        Assert.Equal([new Episode(80, 180), new Episode(230, 300)], AfEpisodeScorer.FromTracker(beats, labels, 300));
    }

    [Fact]
    public void Reference_episodes_run_from_a_change_to_the_rhythm_until_a_change_to_another()
    {
        var rhythm = new ReferenceRhythm(
        [
            new(0, 28, 0, 0, 0, "(N"),
            new(3600, 28, 0, 0, 0, "(AFIB"),
            new(5000, 1, 0, 0, 0, string.Empty),
            new(7200, 28, 0, 0, 0, "(AFIB"),
            new(10800, 28, 0, 0, 0, "(AFL"),
            new(14400, 28, 0, 0, 0, "(N"),
            new(18000, 28, 0, 0, 0, "(AFIB"),
        ]);

        Assert.Equal([new Episode(10, 30), new Episode(50, 100)], rhythm.Episodes(ReferenceRhythm.AtrialFibrillation, 360, 100));
        Assert.Equal([new Episode(30, 40)], rhythm.Episodes(ReferenceRhythm.AtrialFlutter, 360, 100));
    }
}
