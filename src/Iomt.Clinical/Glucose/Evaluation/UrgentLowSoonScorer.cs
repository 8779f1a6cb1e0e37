namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>
/// Scores <c>urgent_low_soon</c> alerts against episodes below 55 mg/dL with the CGM data set's convention
/// (shared/data/cgm/README.md): an episode is caught early when an alert came 10–60 minutes before its start;
/// an alert is false when it is not during an episode and no episode starts within the next 60 minutes.
/// </summary>
public static class UrgentLowSoonScorer
{
    private static readonly TimeSpan MinimumLead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaximumLead = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(30);

    /// <summary>Runs <paramref name="detector"/> over the readings (after a reset) and scores its alerts.</summary>
    public static UrgentLowSoonScore Run(IUrgentLowSoonDetector detector, ReadOnlySpan<GlucoseReading> readings, IReadOnlyList<HypoglycaemiaEpisode> episodes)
    {
        ArgumentNullException.ThrowIfNull(detector);
        detector.Reset();
        var alerts = new List<DateTimeOffset>();
        foreach (var reading in readings)
        {
            if (detector.Process(reading))
            {
                alerts.Add(reading.Time);
            }
        }

        return Score(alerts, episodes, DaysWithData(readings));
    }

    /// <summary>Scores time-ordered alert times against the episodes.</summary>
    public static UrgentLowSoonScore Score(IReadOnlyList<DateTimeOffset> alerts, IReadOnlyList<HypoglycaemiaEpisode> episodes, double days)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(episodes);
        var leads = new List<double>();
        foreach (var episode in episodes)
        {
            foreach (var alert in alerts)
            {
                var lead = episode.Start - alert;
                if (lead >= MinimumLead && lead <= MaximumLead)
                {
                    leads.Add(lead.TotalMinutes); // alerts are time-ordered: the first match is the earliest
                    break;
                }
            }
        }

        var falseAlerts = 0;
        foreach (var alert in alerts)
        {
            var explained = false;
            foreach (var episode in episodes)
            {
                if (episode.Contains(alert) || (episode.Start > alert && episode.Start - alert <= MaximumLead))
                {
                    explained = true;
                    break;
                }
            }

            falseAlerts += explained ? 0 : 1;
        }

        return new UrgentLowSoonScore(episodes.Count, leads.Count, leads, alerts.Count, falseAlerts, days);
    }

    /// <summary>Days with data: the sum of intervals between consecutive readings at most 30 minutes apart.</summary>
    public static double DaysWithData(ReadOnlySpan<GlucoseReading> readings)
    {
        var total = TimeSpan.Zero;
        for (var i = 1; i < readings.Length; i++)
        {
            var step = readings[i].Time - readings[i - 1].Time;
            if (step <= MaxGap)
            {
                total += step;
            }
        }

        return total.TotalDays;
    }
}
