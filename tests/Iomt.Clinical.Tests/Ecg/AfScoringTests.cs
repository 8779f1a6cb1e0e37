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
}
