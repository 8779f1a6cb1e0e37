namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Turns per-interval AF labels into rhythm segments that cover a recording: the time between two beats
/// takes the label of the interval that ends at the later beat; before the first labelled interval the
/// rhythm is non-AF; after the last beat the last label continues to the end.
/// </summary>
public static class RhythmSegmenter
{
    /// <summary>Merges <paramref name="decisions"/> (in time order) into segments over [0, <paramref name="durationSeconds"/>].</summary>
    public static IReadOnlyList<RhythmSegment> Segments(IReadOnlyList<AfDecision> decisions, IReadOnlyList<double> intervalStartTimes, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(intervalStartTimes);
        var segments = new List<RhythmSegment>();
        double start = 0;
        var current = false;
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            if (d.IsAf == current)
            {
                continue;
            }

            // The label changes with the interval that starts at the previous beat.
            var change = Math.Clamp(intervalStartTimes[i], start, durationSeconds);
            if (change > start)
            {
                segments.Add(new RhythmSegment(start, change, current));
            }

            start = change;
            current = d.IsAf;
        }

        if (durationSeconds > start || segments.Count == 0)
        {
            segments.Add(new RhythmSegment(start, Math.Max(start, durationSeconds), current));
        }

        return segments;
    }
}
