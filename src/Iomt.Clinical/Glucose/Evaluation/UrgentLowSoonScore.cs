namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>How an "urgent low soon" alerter did on one patient (or a total over several).</summary>
/// <param name="Episodes">Qualifying episodes below 55 mg/dL.</param>
/// <param name="CaughtEarly">Episodes with an alert 10–60 minutes before their start.</param>
/// <param name="LeadMinutes">Lead time of each caught episode (from its earliest qualifying alert).</param>
/// <param name="Alerts">All <c>urgent_low_soon</c> alerts.</param>
/// <param name="FalseAlerts">Alerts neither during an episode nor followed by an episode start within 60 minutes.</param>
/// <param name="Days">Days with data: the sum of inter-reading intervals of at most 30 minutes.</param>
public sealed record UrgentLowSoonScore(int Episodes, int CaughtEarly, IReadOnlyList<double> LeadMinutes, int Alerts, int FalseAlerts, double Days)
{
    /// <summary>An empty score, the start of a total.</summary>
    public static UrgentLowSoonScore Empty { get; } = new(0, 0, [], 0, 0, 0);

    /// <summary>Share of episodes caught early (NaN without episodes).</summary>
    public double CaughtShare => Episodes == 0 ? double.NaN : (double)CaughtEarly / Episodes;

    /// <summary>False alerts per day with data.</summary>
    public double FalsePerDay => Days == 0 ? double.NaN : FalseAlerts / Days;

    /// <summary>Median lead time in minutes (NaN when nothing was caught).</summary>
    public double MedianLeadMinutes
    {
        get
        {
            if (LeadMinutes.Count == 0)
            {
                return double.NaN;
            }

            return Median.SortInPlace(LeadMinutes.ToArray().AsSpan());
        }
    }

    /// <summary>The sum of two scores (lead times pooled).</summary>
    public UrgentLowSoonScore Add(UrgentLowSoonScore other) => new(
        Episodes + other.Episodes,
        CaughtEarly + other.CaughtEarly,
        [.. LeadMinutes, .. other.LeadMinutes],
        Alerts + other.Alerts,
        FalseAlerts + other.FalseAlerts,
        Days + other.Days);
}
