namespace Iomt.Clinical.Glucose;

/// <summary>
/// Threshold and stale-data settings of <see cref="GlucoseMonitor"/> (clinical-reference §7.1 and §7.3).
/// Defaults: urgent low &lt; 55 (Dexcom's fixed Urgent Low, the same level as the forecast and the episodes;
/// with integer readings this is ≤ 54, the consensus level 2 "&lt; 54" boundary), low &lt; 70 (level 1),
/// high &gt; 180 (TAR level 1), urgent high &gt; 250 (TAR level 2), stale after 20 minutes without a reading.
/// </summary>
public sealed record GlucoseAlertOptions
{
    /// <summary>Urgent low below this (mg/dL).</summary>
    public double UrgentLowBelowMgDl { get; init; } = 55;

    /// <summary>Low below this (mg/dL).</summary>
    public double LowBelowMgDl { get; init; } = 70;

    /// <summary>High above this (mg/dL).</summary>
    public double HighAboveMgDl { get; init; } = 180;

    /// <summary>Urgent high above this (mg/dL).</summary>
    public double UrgentHighAboveMgDl { get; init; } = 250;

    /// <summary>
    /// Hysteresis: a low or high episode ends only when glucose is this far back inside the threshold,
    /// so sensor noise around a threshold does not raise the alert again and again.
    /// </summary>
    public double ClearMarginMgDl { get; init; } = 10;

    /// <summary>No reading for this long raises <c>stale</c> (Dexcom signal loss default 20 min; Nightscout warns at 15, urgent at 30).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(20);
}
