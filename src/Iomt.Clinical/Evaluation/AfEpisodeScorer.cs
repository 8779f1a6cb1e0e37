using Iomt.Clinical.Ecg.Af;

namespace Iomt.Clinical.Evaluation;

/// <summary>
/// Episode-by-episode AF comparison after ANSI/AAMI EC57 (WFDB <c>epicmp -A</c>; clinical reference §9.5): only the
/// test period counts (by default from 5 min to the end; episodes are clipped to it); a reference episode is found when
/// any detected episode overlaps it, and a detected episode is true when it overlaps any reference episode, however
/// little. Duration sensitivity and positive predictivity weigh the same overlaps by time. EC57 does not exclude
/// atrial flutter; the older EC38:1998 rule (<c>epicmp -x</c>) takes reference flutter out of the detected episodes
/// before their positive predictivity is judged, which <c>excluded</c> reproduces. Episodes that have no length
/// left inside the test period are not counted.
/// </summary>
public static class AfEpisodeScorer
{
    /// <summary>The EC57 learning period: scoring starts 5 minutes into a record.</summary>
    public const double LearningSeconds = 300;

    /// <summary>Compares <paramref name="detected"/> with <paramref name="reference"/> over [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>].</summary>
    /// <param name="reference">Reference AF episodes, in any order, not overlapping one another.</param>
    /// <param name="detected">Detected AF episodes, likewise.</param>
    /// <param name="fromSeconds">Start of the test period.</param>
    /// <param name="toSeconds">End of the test period (the end of the record).</param>
    /// <param name="excluded">Stretches taken out of the detected episodes for positive predictivity (reference flutter, EC38:1998); none under EC57.</param>
    public static AfEpisodeScore Score(
        IReadOnlyList<Episode> reference,
        IReadOnlyList<Episode> detected,
        double fromSeconds,
        double toSeconds,
        IReadOnlyList<Episode>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        var period = new Episode(fromSeconds, toSeconds);
        var (found, missed, referenceSeconds, referenceCovered) = Compare(reference, detected, period, []);
        var (confirmed, falseEpisodes, detectedSeconds, detectedCovered) = Compare(detected, reference, period, excluded ?? []);
        return new AfEpisodeScore(found, missed, confirmed, falseEpisodes, referenceSeconds, referenceCovered, detectedSeconds, detectedCovered);
    }

    /// <summary>
    /// The AF episodes of per-interval labels, as <see cref="RhythmSegmenter"/> cuts them for <c>rhythm.csv</c> up to the
    /// last beat: a run of intervals labelled AF spans from the beat that starts its first interval to the beat that ends
    /// its last. <paramref name="labels"/>[i] is the interval from beat i to beat i + 1.
    /// </summary>
    public static IReadOnlyList<Episode> FromLabels(IReadOnlyList<double> beatSeconds, IReadOnlyList<bool> labels)
    {
        CheckLengths(beatSeconds, labels);
        if (labels.Count == 0)
        {
            return [];
        }

        var decisions = labels.Select((af, i) => new AfDecision(i, beatSeconds[i + 1], af)).ToArray();
        return
        [
            .. RhythmSegmenter.Segments(decisions, beatSeconds, beatSeconds[^1])
                .Where(s => s.IsAf)
                .Select(s => new Episode(s.StartSeconds, s.EndSeconds)),
        ];
    }

    /// <summary>
    /// The AF episodes an alerting system reports from the same labels: <see cref="AfEpisodeTracker"/> with its 30-s
    /// minimum, each episode from the onset it gives when it starts to the onset of its end, or to
    /// <paramref name="endSeconds"/> when it is still open there.
    /// </summary>
    public static IReadOnlyList<Episode> FromTracker(IReadOnlyList<double> beatSeconds, IReadOnlyList<bool> labels, double endSeconds)
    {
        CheckLengths(beatSeconds, labels);
        var tracker = new AfEpisodeTracker();
        var episodes = new List<Episode>();
        var onset = double.NaN;
        if (labels.Count > 0)
        {
            // The tracker times an interval from the beat before it; the first interval's start is that beat.
            tracker.Add(new AfDecision(-1, beatSeconds[0], false));
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (tracker.Add(new AfDecision(i, beatSeconds[i + 1], labels[i])) is not { } change)
            {
                continue;
            }

            if (tracker.InEpisode)
            {
                onset = change;
            }
            else
            {
                episodes.Add(new Episode(onset, change));
            }
        }

        if (tracker.InEpisode)
        {
            episodes.Add(new Episode(onset, Math.Max(onset, endSeconds)));
        }

        return episodes;
    }

    // For every episode of `scored` inside `period`: its length (less the `excluded` time in it) and the time
    // `other` shares with it; it matches when that time is positive.
    private static (int Matched, int Unmatched, double Seconds, double Covered) Compare(
        IReadOnlyList<Episode> scored, IReadOnlyList<Episode> other, Episode period, IReadOnlyList<Episode> excluded)
    {
        int matched = 0, unmatched = 0;
        double seconds = 0, covered = 0;
        foreach (var e in scored)
        {
            var clipped = new Episode(Math.Max(e.StartSeconds, period.StartSeconds), Math.Min(e.EndSeconds, period.EndSeconds));
            var length = clipped.Seconds - excluded.Sum(x => clipped.OverlapSeconds(x));
            if (length <= 0)
            {
                continue;
            }

            var shared = other.Sum(o => clipped.OverlapSeconds(o));
            seconds += length;
            covered += shared;
            if (shared > 0)
            {
                matched++;
            }
            else
            {
                unmatched++;
            }
        }

        return (matched, unmatched, seconds, covered);
    }

    private static void CheckLengths(IReadOnlyList<double> beatSeconds, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(beatSeconds);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != Math.Max(0, beatSeconds.Count - 1))
        {
            throw new ArgumentException("one label per interval between consecutive beats is needed", nameof(labels));
        }
    }
}
