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
}
