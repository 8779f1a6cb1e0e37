namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>
/// Finds episodes below 55 mg/dL with the scoring definition of the CGM data set (shared/data/cgm/README.md):
/// an episode starts at the first reading below 55 and ends at the first reading of a run that stays ≥ 55 for
/// at least 15 minutes (a dip below 55 before that continues it); it counts only with ≥ 2 consecutive low
/// readings or low readings spanning ≥ 15 minutes. Readings more than 30 minutes apart are not consecutive,
/// and an episode that runs into such a gap ends there.
/// </summary>
public static class HypoglycaemiaEpisodeFinder
{
    /// <summary>A reading below this is low.</summary>
    public const double LowMgDl = 55;

    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MinimumSpan = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(30);

    /// <summary>The qualifying episodes in time-ordered readings.</summary>
    public static IReadOnlyList<HypoglycaemiaEpisode> Find(ReadOnlySpan<GlucoseReading> readings)
    {
        var episodes = new List<HypoglycaemiaEpisode>();
        var i = 0;
        while (i < readings.Length)
        {
            if (readings[i].MgDl >= LowMgDl)
            {
                i++;
                continue;
            }

            var next = Follow(readings, i, out var episode, out var qualifies);
            if (qualifies)
            {
                episodes.Add(episode);
            }

            i = next;
        }

        return episodes;
    }

    // Walks one episode from the low reading at `start`; returns the index where the search resumes.
    private static int Follow(ReadOnlySpan<GlucoseReading> r, int start, out HypoglycaemiaEpisode episode, out bool qualifies)
    {
        var first = r[start].Time;
        var lastLow = start;
        qualifies = false;
        var j = start + 1;
        while (j < r.Length)
        {
            if (r[j].Time - r[j - 1].Time > MaxGap)
            {
                break; // runs into a gap: ends at the last reading before it
            }

            if (r[j].MgDl < LowMgDl)
            {
                qualifies |= lastLow == j - 1 || r[j].Time - first >= MinimumSpan;
                lastLow = j;
                j++;
                continue;
            }

            var k = j;
            while (k + 1 < r.Length && r[k + 1].MgDl >= LowMgDl && r[k + 1].Time - r[k].Time <= MaxGap
                   && r[k].Time - r[j].Time < Recovery)
            {
                k++;
            }

            if (r[k].Time - r[j].Time >= Recovery)
            {
                episode = new HypoglycaemiaEpisode(first, r[j].Time);
                return j;
            }

            if (k + 1 < r.Length && r[k + 1].MgDl < LowMgDl && r[k + 1].Time - r[k].Time <= MaxGap)
            {
                j = k + 1; // dipped again before recovering: same episode
                continue;
            }

            // The run ended at a gap or the end of data before a full recovery: the episode ends where it began.
            episode = new HypoglycaemiaEpisode(first, r[j].Time);
            return k + 1;
        }

        episode = new HypoglycaemiaEpisode(first, r[j - 1].Time.AddTicks(1));
        return j;
    }
}
