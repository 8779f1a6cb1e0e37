namespace Iomt.Clinical.Falls.Evaluation;

/// <summary>
/// Nested leave-one-subject-out: detector settings (a grid of <see cref="FallDetectorOptions"/>, e.g. low-pass
/// cut-off × candidate threshold) are chosen for each held-out subject by an inner LOSO over the other subjects
/// only, then the subject is scored with a model trained on the others at that choice. The pooled result is an
/// estimate of the whole procedure, selection included, on subjects it never saw; a plain LOSO at settings chosen
/// on every subject is not, since each subject helped choose its own settings.
/// </summary>
public static class NestedLeaveOneSubjectOut
{
    /// <summary>One grid point: the detector settings and the candidates they give on every recording.</summary>
    public sealed record GridPoint(FallDetectorOptions Options, IReadOnlyList<RecordingCandidates> Candidates);

    /// <summary>A held-out subject, the grid point chosen without it, and its score there.</summary>
    public sealed record Fold(string Subject, FallDetectorOptions Chosen, FallScore Score);

    /// <summary>The outer folds in subject order; <paramref name="foldDone"/> is told of each as it completes.</summary>
    public static IReadOnlyList<Fold> Run(IReadOnlyList<GridPoint> grid, LeaveOneSubjectOut.Settings settings, Action<Fold>? foldDone = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfZero(grid.Count);
        var subjects = grid[0].Candidates.Select(r => r.Recording.Subject).Distinct().Order(StringComparer.Ordinal).ToList();
        var folds = new List<Fold>();
        foreach (var subject in subjects)
        {
            var chosen = Choose(grid, settings, subject);
            var model = LeaveOneSubjectOut.Train(chosen.Candidates.Where(r => r.Recording.Subject != subject), settings);
            var score = LeaveOneSubjectOut.Score(chosen.Candidates.Where(r => r.Recording.Subject == subject), model, settings.RefractoryS);
            var fold = new Fold(subject, chosen.Options, score);
            folds.Add(fold);
            foldDone?.Invoke(fold);
        }

        return folds;
    }

    /// <summary>
    /// The grid point whose LOSO over every subject except <paramref name="excluded"/> (none when null) scores best:
    /// highest min(Se, Sp) pooled over those subjects, then fewest errors (missed falls plus ADL recordings with an
    /// alarm), then the earliest in the grid.
    /// </summary>
    public static GridPoint Choose(IReadOnlyList<GridPoint> grid, LeaveOneSubjectOut.Settings settings, string? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var scored = grid
            .AsParallel()
            .AsOrdered()
            .Select((point, index) =>
            {
                var pooled = LeaveOneSubjectOut.Run([.. point.Candidates.Where(r => r.Recording.Subject != excluded)], settings)
                    .Aggregate(FallScore.Empty, (sum, s) => sum.Plus(s.Score));
                return (point, index, pooled);
            })
            .ToList();
        return scored
            .OrderByDescending(s => Balanced(s.pooled))
            .ThenBy(s => (s.pooled.Falls - s.pooled.FallsDetected) + s.pooled.AdlWithFalseAlarm)
            .ThenBy(s => s.index)
            .First()
            .point;
    }

    private static double Balanced(FallScore score) =>
        Math.Min(score.Falls == 0 ? 1 : score.Sensitivity, score.Adl == 0 ? 1 : score.Specificity);
}
