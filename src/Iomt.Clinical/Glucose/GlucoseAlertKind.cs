namespace Iomt.Clinical.Glucose;

/// <summary>The glucose alerts a CGM monitor raises (names follow Dexcom's alert set, clinical-reference §7.1/§7.3).</summary>
public enum GlucoseAlertKind
{
    /// <summary>Glucose predicted to fall below 55 mg/dL within 20 minutes (Dexcom "Urgent Low Soon").</summary>
    UrgentLowSoon,

    /// <summary>Glucose below 55 mg/dL.</summary>
    UrgentLow,

    /// <summary>Glucose below 70 mg/dL.</summary>
    Low,

    /// <summary>Glucose above 180 mg/dL.</summary>
    High,

    /// <summary>Glucose above 250 mg/dL.</summary>
    UrgentHigh,

    /// <summary>No reading for too long (signal loss).</summary>
    Stale,
}
