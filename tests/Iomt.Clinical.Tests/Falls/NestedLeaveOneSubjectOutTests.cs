using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.Evaluation;
using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Clinical.Tests.Falls;

/// <summary>Hand-made candidates: which settings each held-out subject gets, and from whose data.</summary>
public class NestedLeaveOneSubjectOutTests
{
    private static readonly double[] Fall = [1.2, 0.3, 0.25, 90, -3, -1, 0.1];
    private static readonly double[] Daily = [0.6, 0.9, 0.02, 5, -1, -1, 0.4];

    // Settings that open a candidate for every fall of A and B but for none of C's and D's (they fall too softly for
    // them), and settings that see only C's and D's falls. A model learns falls only from subjects whose falls it sees.
    private static readonly NestedLeaveOneSubjectOut.GridPoint SeesAandB = Point(1.6, "A", "B");
    private static readonly NestedLeaveOneSubjectOut.GridPoint SeesCandD = Point(1.2, "C", "D");

    [Fact]
    public void A_held_out_subject_gets_the_settings_the_other_subjects_choose_even_when_others_would_suit_it()
    {
        var folds = NestedLeaveOneSubjectOut.Run([SeesCandD, SeesAandB], new LeaveOneSubjectOut.Settings());

        // Without C, only A and B show falls under any settings: its fold takes theirs and misses C's falls.
        var c = Assert.Single(folds, f => f.Subject == "C");
        Assert.Equal(1.6, c.Chosen.CandidateThresholdG);
        Assert.Equal(4, c.Score.Falls);
        Assert.Equal(0, c.Score.FallsDetected);
        var a = Assert.Single(folds, f => f.Subject == "A");
        Assert.Equal(1.2, a.Chosen.CandidateThresholdG);
        Assert.Equal(0, a.Score.FallsDetected);
        Assert.All(folds, f => Assert.Equal(0, f.Score.AdlWithFalseAlarm));
    }

    [Fact]
    public void Chooses_the_settings_with_the_best_balanced_leave_one_subject_out_score()
    {
        var settings = new LeaveOneSubjectOut.Settings();

        // Without A: under SeesCandD, C and D each learn from the other (8 of 12 falls); under SeesAandB, B has nobody.
        Assert.Same(SeesCandD, NestedLeaveOneSubjectOut.Choose([SeesAandB, SeesCandD], settings, excluded: "A"));
        Assert.Same(SeesAandB, NestedLeaveOneSubjectOut.Choose([SeesAandB, SeesCandD], settings, excluded: "D"));

        // Over all four both find 8 of 16 with no false alarm: the tie goes to the earlier grid point.
        Assert.Same(SeesCandD, NestedLeaveOneSubjectOut.Choose([SeesCandD, SeesAandB], settings));
    }

    private static NestedLeaveOneSubjectOut.GridPoint Point(double threshold, params string[] fallsSeenOf)
    {
        var recordings = new List<RecordingCandidates>();
        foreach (var subject in new[] { "A", "B", "C", "D" })
        {
            for (var i = 0; i < 4; i++)
            {
                var fall = new SisFallRecording(subject, "F01", $"F01_{subject}_R0{i}.txt");
                recordings.Add(new(fall, 15, fallsSeenOf.Contains(subject) ? [Candidate(Fall, i)] : []));
                var daily = new SisFallRecording(subject, "D01", $"D01_{subject}_R0{i}.txt");
                recordings.Add(new(daily, 15, [Candidate(Daily, i)]));
            }
        }

        return new(new FallDetectorOptions { CandidateThresholdG = threshold }, recordings);
    }

    private static FallCandidate Candidate(double[] features, int jitter) =>
        new(5, 7, [.. features.Select((f, j) => f + (0.01 * jitter * (j + 1)))]);
}
