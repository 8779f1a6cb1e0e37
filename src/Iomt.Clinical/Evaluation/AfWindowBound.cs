namespace Iomt.Clinical.Evaluation;

/// <summary>
/// What a windowed AF detector can reach at best on a record: a labeller that knows the reference rhythm of
/// every interval but, like a detector deciding on the median of a window, gives each interval the majority
/// label of the intervals within <c>±halfWindow</c> of it. Rhythm episodes shorter than half the window are then
/// swallowed by their neighbours whatever the features, so the score of this labeller bounds the score of any
/// detector with that window (docs/validation/ecg.md, "What limits specificity").
/// </summary>
public static class AfWindowBound
{
    /// <summary>
    /// Labels each interval with the majority of the reference over <c>±<paramref name="halfWindow"/></c>
    /// intervals (ties are non-AF) and scores those labels with <see cref="AfIntervalScorer"/>. When
    /// <paramref name="flutterLooksLikeAf"/> is set, flutter intervals count towards the AF side of the majority,
    /// as they do for an irregularity detector when the flutter conducts irregularly; otherwise they count as non-AF.
    /// </summary>
    public static AfIntervalScore Score(IReadOnlyList<string> referenceRhythms, int halfWindow, bool flutterLooksLikeAf)
    {
        ArgumentNullException.ThrowIfNull(referenceRhythms);
        ArgumentOutOfRangeException.ThrowIfNegative(halfWindow);
        var n = referenceRhythms.Count;
        var afLike = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            var rhythm = referenceRhythms[i];
            var isAfLike = rhythm == ReferenceRhythm.AtrialFibrillation || (flutterLooksLikeAf && rhythm == ReferenceRhythm.AtrialFlutter);
            afLike[i + 1] = afLike[i] + (isAfLike ? 1 : 0);
        }

        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var from = Math.Max(0, i - halfWindow);
            var to = Math.Min(n - 1, i + halfWindow);
            labels[i] = 2 * (afLike[to + 1] - afLike[from]) > to - from + 1;
        }

        return AfIntervalScorer.Score(referenceRhythms, labels);
    }
}
