using Iomt.Clinical.Ecg.Wfdb;
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

    [Fact]
    public void Leaves_ventricular_flutter_episodes_out_of_the_comparison()
    {
        // Beats at 100 and 900; flutter from 300 to 600 with flutter waves ('!', code 31) the detector counted
        // at 350, 400 and 450; a second episode opened at 1000 and never closed.
        MitAnnotation[] annotations =
        [
            new(100, 1, 0, 0, 0, string.Empty), new(300, MitAnnotationCodes.VentricularFlutterOn, 0, 0, 0, string.Empty),
            new(350, 31, 0, 0, 0, string.Empty), new(600, MitAnnotationCodes.VentricularFlutterOff, 0, 0, 0, string.Empty),
            new(900, 1, 0, 0, 0, string.Empty), new(1000, MitAnnotationCodes.VentricularFlutterOn, 0, 0, 0, string.Empty),
        ];
        var episodes = BeatMatchScorer.FlutterEpisodes(annotations);
        var reference = BeatMatchScorer.Outside(annotations.Where(a => a.IsBeat).Select(a => a.Sample), episodes);

        var score = BeatMatchScorer.Score(reference, BeatMatchScorer.Outside([100, 350, 400, 450, 900, 1100], episodes), Fs, startSeconds: 0);

        Assert.Equal([(300L, 600L), (1000L, long.MaxValue)], episodes);
        Assert.Equal(new BeatMatchScore(2, 0, 0), score);
        Assert.Equal(new BeatMatchScore(2, 0, 4), BeatMatchScorer.Score(reference, [100, 350, 400, 450, 900, 1100], Fs, startSeconds: 0));
    }
}
