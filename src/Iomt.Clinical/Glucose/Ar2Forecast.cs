namespace Iomt.Clinical.Glucose;

/// <summary>
/// Nightscout's AR2 glucose forecast (log-space AR(2) around 140 mg/dL), re-implemented from the description
/// in clinical-reference §7.4 (Nightscout <c>lib/plugins/ar2.js</c>, commit 7e0e77f88): predictions, loss,
/// alarm level, event type and display cone. Pure functions, no allocation.
/// </summary>
public static class Ar2Forecast
{
    /// <summary>Reference glucose of the log transform (BG_REF).</summary>
    public const double ReferenceMgDl = 140;

    /// <summary>Lowest predicted value (BG_MIN).</summary>
    public const double MinMgDl = 36;

    /// <summary>Highest predicted value (BG_MAX).</summary>
    public const double MaxMgDl = 400;

    /// <summary>Number of 5-minute prediction steps used for alarms (+5 … +30 min).</summary>
    public const int Steps = 6;

    /// <summary>Number of cone steps (+5 … +65 min).</summary>
    public const int ConeSteps = 13;

    /// <summary>Minutes between predictions.</summary>
    public const double StepMinutes = 5;

    private const double CoefficientPrevious = -0.723;
    private const double CoefficientRecent = 1.716;
    private const double WarnThreshold = 0.05;
    private const double UrgentThreshold = 0.10;
    private const double LossReferenceMgDl = 120;

    private static ReadOnlySpan<double> ConeWidths =>
        [0.020, 0.041, 0.061, 0.081, 0.099, 0.116, 0.132, 0.146, 0.159, 0.171, 0.182, 0.192, 0.201];

    /// <summary>
    /// Fills <paramref name="predictions"/> (length ≥ 6) with the clamped, rounded forecasts for +5 … +30 min
    /// from the value 5 minutes ago and the current value (§7.4 step 3).
    /// </summary>
    public static void Predict(double mean5, double recent, Span<double> predictions)
    {
        var older = Math.Log(mean5 / ReferenceMgDl);
        var newer = Math.Log(recent / ReferenceMgDl);
        for (var k = 0; k < Steps; k++)
        {
            var next = (CoefficientRecent * newer) + (CoefficientPrevious * older);
            older = newer;
            newer = next;
            predictions[k] = ToMgDl(next);
        }
    }

    /// <summary>The +20-minute prediction (index 3 of <see cref="Predict"/>), the value AR2 alarms on.</summary>
    public static double Predict20(double mean5, double recent)
    {
        Span<double> predictions = stackalloc double[Steps];
        Predict(mean5, recent, predictions);
        return predictions[3];
    }

    /// <summary>
    /// avgLoss = Σ over the six predictions of log10(BG/120)², divided by five: Nightscout's loop runs to
    /// <c>size = min(n − 1, 6)</c> inclusive, so six terms are summed but five divide (§7.4 step 4 quirk).
    /// </summary>
    public static double AverageLoss(ReadOnlySpan<double> predictions)
    {
        var sum = 0.0;
        for (var k = 0; k < Steps; k++)
        {
            var e = Math.Log10(predictions[k] / LossReferenceMgDl);
            sum += e * e;
        }

        return sum / (Steps - 1);
    }

    /// <summary>The alarm level for a loss (§7.4 step 4).</summary>
    public static Ar2AlarmLevel Level(double averageLoss) =>
        averageLoss > UrgentThreshold ? Ar2AlarmLevel.Urgent
        : averageLoss > WarnThreshold ? Ar2AlarmLevel.Warn
        : Ar2AlarmLevel.None;

    /// <summary>Event type from the +20-min prediction (§7.4 step 5; Nightscout defaults target 80–180 mg/dL).</summary>
    public static Ar2EventType EventType(double prediction20, double targetBottom = 80, double targetTop = 180) =>
        prediction20 > targetTop ? Ar2EventType.High
        : prediction20 < targetBottom ? Ar2EventType.Low
        : Ar2EventType.General;

    /// <summary>
    /// The display cone for 13 steps (§7.4 step 6): lower and upper bounds 140·e^(y ∓ factor·c_s), rounded
    /// and clamped like the predictions. Not used for alarms.
    /// </summary>
    public static void Cone(double mean5, double recent, double coneFactor, Span<double> lower, Span<double> upper)
    {
        if (!(coneFactor >= 0))
        {
            coneFactor = 2; // AR2_CONE_FACTOR: negative or non-numeric falls back to 2.
        }

        var older = Math.Log(mean5 / ReferenceMgDl);
        var newer = Math.Log(recent / ReferenceMgDl);
        for (var s = 0; s < ConeSteps; s++)
        {
            var next = (CoefficientRecent * newer) + (CoefficientPrevious * older);
            older = newer;
            newer = next;
            lower[s] = ToMgDl(next - (coneFactor * ConeWidths[s]));
            upper[s] = ToMgDl(next + (coneFactor * ConeWidths[s]));
        }
    }

    // JavaScript Math.round is half-up; for positive values AwayFromZero is identical (§7.4 step 3).
    private static double ToMgDl(double logValue) =>
        Math.Clamp(Math.Round(ReferenceMgDl * Math.Exp(logValue), MidpointRounding.AwayFromZero), MinMgDl, MaxMgDl);
}
