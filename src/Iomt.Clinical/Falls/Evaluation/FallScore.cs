namespace Iomt.Clinical.Falls.Evaluation;

/// <summary>
/// Per-recording fall scoring (SisFall README convention): a fall recording is detected if it has at
/// least one fall event; an ADL recording is a false positive if it has any; every fall event in an ADL
/// recording is a false alarm, counted per hour of ADL recording.
/// </summary>
public sealed record FallScore(int Falls, int FallsDetected, int Adl, int AdlWithFalseAlarm, int FalseAlarms, double AdlHours)
{
    /// <summary>Nothing scored yet.</summary>
    public static FallScore Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Sensitivity: share of fall recordings detected (NaN without falls).</summary>
    public double Sensitivity => Falls == 0 ? double.NaN : (double)FallsDetected / Falls;

    /// <summary>Specificity: share of ADL recordings without any fall event (NaN without ADL).</summary>
    public double Specificity => Adl == 0 ? double.NaN : (double)(Adl - AdlWithFalseAlarm) / Adl;

    /// <summary>Fall events in ADL recordings per hour of ADL recording.</summary>
    public double FalseAlarmsPerHour => AdlHours == 0 ? double.NaN : FalseAlarms / AdlHours;

    /// <summary>Adds one recording's outcome.</summary>
    public FallScore Add(bool isFall, int fallEvents, double durationS) => isFall
        ? this with { Falls = Falls + 1, FallsDetected = FallsDetected + (fallEvents > 0 ? 1 : 0) }
        : this with
        {
            Adl = Adl + 1,
            AdlWithFalseAlarm = AdlWithFalseAlarm + (fallEvents > 0 ? 1 : 0),
            FalseAlarms = FalseAlarms + fallEvents,
            AdlHours = AdlHours + (durationS / 3600),
        };

    /// <summary>Sum of two scores.</summary>
    public FallScore Plus(FallScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Falls + other.Falls, FallsDetected + other.FallsDetected, Adl + other.Adl, AdlWithFalseAlarm + other.AdlWithFalseAlarm, FalseAlarms + other.FalseAlarms, AdlHours + other.AdlHours);
    }
}
