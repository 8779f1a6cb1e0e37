namespace Iomt.Clinical.Glucose;

/// <summary>
/// Settings of <see cref="UrgentLowSoonForecaster"/>. The defaults are the setting chosen in 8 of the 12 folds of
/// leave-one-patient-out cross-validation on the AZT1D developer subset (docs/validation/glucose.md), not a fit
/// to all patients: level 57.5 mg/dL, horizon 5 min, trend window 20 min, curvature weight 0.5, re-arm +10.
/// </summary>
public sealed record UrgentLowSoonOptions
{
    /// <summary>Alert when the trend forecast at <see cref="HorizonMinutes"/> is below this (mg/dL).</summary>
    public double AlertBelowMgDl { get; init; } = 57.5;

    /// <summary>How far ahead the local trend is extrapolated (minutes).</summary>
    public double HorizonMinutes { get; init; } = 5;

    /// <summary>Readings from the last this-many minutes form the local trend (at least the newest 3 are used).</summary>
    public double TrendWindowMinutes { get; init; } = 20;

    /// <summary>After an alert, the forecast must climb this far above <see cref="AlertBelowMgDl"/> before another (hysteresis).</summary>
    public double RearmMarginMgDl { get; init; } = 10;

    /// <summary>
    /// Weight of the curvature term: the forecast adds weight × ½·a·H², with the acceleration a from a quadratic
    /// fit over <see cref="CurvatureWindowMinutes"/> (0 = straight-line trend). A fall that is levelling off
    /// (a &gt; 0) then forecasts higher, which is what removes most false alerts at the bottom of a dip.
    /// </summary>
    public double CurvatureWeight { get; init; } = 0.5;

    /// <summary>Readings from the last this-many minutes give the acceleration (at least 4 readings spanning 15 minutes).</summary>
    public double CurvatureWindowMinutes { get; init; } = 30;

    /// <summary>The alert condition must hold at this many consecutive readings (1 = alert at once).</summary>
    public int ConfirmReadings { get; init; } = 1;

    /// <summary>A longer gap between readings ends the trend: history restarts with the next reading.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromMinutes(30);
}
