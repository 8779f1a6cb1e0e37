namespace Iomt.Clinical.Evaluation;

/// <summary>QRS detection counts of one record (or pooled records) and the EC57 ratios.</summary>
/// <param name="TruePositives">Reference beats matched by a detected beat.</param>
/// <param name="FalseNegatives">Reference beats with no detected beat within the window.</param>
/// <param name="FalsePositives">Detected beats with no reference beat within the window.</param>
public readonly record struct BeatMatchScore(int TruePositives, int FalseNegatives, int FalsePositives)
{
    /// <summary>Sensitivity TP / (TP + FN), NaN when there is no reference beat.</summary>
    public double Sensitivity => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Positive predictivity TP / (TP + FP), NaN when nothing was detected.</summary>
    public double PositivePredictivity => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Detection error rate (FP + FN) / TP, as used in the literature comparisons.</summary>
    public double DetectionErrorRate => Ratio(FalsePositives + FalseNegatives, TruePositives);

    /// <summary>Gross pooling: counts add up (EC57 gross statistics).</summary>
    public static BeatMatchScore operator +(BeatMatchScore a, BeatMatchScore b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives);

    /// <summary>Same as <c>+</c>.</summary>
    public static BeatMatchScore Add(BeatMatchScore a, BeatMatchScore b) => a + b;

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
