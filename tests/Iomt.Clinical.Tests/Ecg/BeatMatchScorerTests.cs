using Iomt.Clinical.Evaluation;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class BeatMatchScorerTests
{
    private const double Fs = 100; // 150 ms = 15 samples

    [Fact]
    public void Matches_beats_within_150_ms()
    {
        var score = BeatMatchScorer.Score([100, 200, 300], [110, 185, 315], Fs, startSeconds: 0);

        Assert.Equal(new BeatMatchScore(3, 0, 0), score);
        Assert.Equal(1.0, score.Sensitivity);
        Assert.Equal(1.0, score.PositivePredictivity);
    }

    [Fact]
    public void Counts_a_detection_outside_the_window_as_both_miss_and_false_detection()
    {
        var score = BeatMatchScorer.Score([100, 200], [100, 216], Fs, startSeconds: 0);

        Assert.Equal(new BeatMatchScore(1, 1, 1), score);
    }

    [Fact]
    public void Matches_each_reference_beat_once_and_keeps_the_nearer_detection()
    {
        var score = BeatMatchScorer.Score([100], [95, 101], Fs, startSeconds: 0);

        Assert.Equal(new BeatMatchScore(1, 0, 1), score);
    }

    [Fact]
    public void Gives_a_detection_to_the_nearer_of_two_reference_beats()
    {
        // 112 is within the window of both 100 and 120; it belongs to 120, so 100 is missed.
        var score = BeatMatchScorer.Score([100, 120], [112], Fs, startSeconds: 0);

        Assert.Equal(new BeatMatchScore(1, 1, 0), score);
    }

    [Fact]
    public void Ignores_beats_in_the_learning_period()
    {
        // Start at 5 s = sample 500: the miss at 300 and the extra at 400 do not count.
        var score = BeatMatchScorer.Score([300, 600, 700], [400, 600, 705, 900], Fs, startSeconds: 5);

        Assert.Equal(new BeatMatchScore(2, 0, 1), score);
    }

    [Fact]
    public void Pools_counts_for_gross_statistics()
    {
        var gross = new BeatMatchScore(99, 1, 0) + new BeatMatchScore(0, 0, 100);

        Assert.Equal(0.99, gross.Sensitivity, 10);
        Assert.Equal(99.0 / 199, gross.PositivePredictivity, 10);
        Assert.Equal(101.0 / 99, gross.DetectionErrorRate, 10);
    }
}
