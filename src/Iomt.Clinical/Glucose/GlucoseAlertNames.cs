namespace Iomt.Clinical.Glucose;

/// <summary>The wire names of <see cref="GlucoseAlertKind"/> used in CSV output (<c>urgent_low_soon</c>, …).</summary>
public static class GlucoseAlertNames
{
    /// <summary>The snake_case name of an alert kind.</summary>
    public static string ToWireName(this GlucoseAlertKind kind) => kind switch
    {
        GlucoseAlertKind.UrgentLowSoon => "urgent_low_soon",
        GlucoseAlertKind.UrgentLow => "urgent_low",
        GlucoseAlertKind.Low => "low",
        GlucoseAlertKind.High => "high",
        GlucoseAlertKind.UrgentHigh => "urgent_high",
        GlucoseAlertKind.Stale => "stale",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown glucose alert kind"),
    };
}
