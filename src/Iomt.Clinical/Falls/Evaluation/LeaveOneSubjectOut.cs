namespace Iomt.Clinical.Falls.Evaluation;

/// <summary>
/// Leave-one-subject-out evaluation: for each subject, the model is trained on the other subjects'
/// candidates only and scored on that subject's recordings.
/// </summary>
public static class LeaveOneSubjectOut
{
    /// <summary>Training hyper-parameters, fixed in advance (not tuned on the held-out subject).</summary>
    public sealed record Settings(double L2 = 1e-3, double PositiveWeight = Settings.DefaultPositiveWeight, double Threshold = 0.5, double RefractoryS = 10)
    {
        /// <summary>Default weight of a fall row in training.</summary>
        public const double DefaultPositiveWeight = 1;
    }

    /// <summary>Per-subject scores of the LOSO run, in subject order.</summary>
    public static IReadOnlyList<(string Subject, FallScore Score)> Run(IReadOnlyList<RecordingCandidates> recordings, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(settings);
        var subjects = recordings.Select(r => r.Recording.Subject).Distinct().Order(StringComparer.Ordinal).ToList();
        var results = new List<(string, FallScore)>();
        foreach (var subject in subjects)
        {
            var model = Train(recordings.Where(r => r.Recording.Subject != subject), settings);
            results.Add((subject, Score(recordings.Where(r => r.Recording.Subject == subject), model, settings.RefractoryS)));
        }

        return results;
    }

    /// <summary>
    /// Trains on <paramref name="recordings"/>: in a fall recording the strongest impact is the fall (its
    /// other candidates are ambiguous and left out); every candidate of an ADL recording is a non-fall.
    /// </summary>
    public static FallModel Train(IEnumerable<RecordingCandidates> recordings, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<double[]>();
        var labels = new List<bool>();
        foreach (var recording in recordings)
        {
            if (recording.Recording.IsFall)
            {
                var strongest = recording.Candidates.MaxBy(c => c.Features[0]);
                if (strongest is not null)
                {
                    rows.Add(strongest.Features);
                    labels.Add(true);
                }
            }
            else
            {
                foreach (var candidate in recording.Candidates)
                {
                    rows.Add(candidate.Features);
                    labels.Add(false);
                }
            }
        }

        return FallModelTrainer.Train(rows, labels, settings.L2, settings.PositiveWeight, settings.Threshold);
    }

    /// <summary>Scores recordings with a fixed model.</summary>
    public static FallScore Score(IEnumerable<RecordingCandidates> recordings, FallModel model, double refractoryS)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        var score = FallScore.Empty;
        foreach (var recording in recordings)
        {
            score = score.Add(recording.Recording.IsFall, recording.FallTimes(model, refractoryS).Count, recording.DurationS);
        }

        return score;
    }
}
