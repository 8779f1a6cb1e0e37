namespace Iomt.Clinical.Evaluation;

/// <summary>Counts of a yes/no detector against a reference (e.g. AF per RR interval) and the usual ratios.</summary>
/// <param name="TruePositives">Reference yes, detected yes.</param>
/// <param name="FalseNegatives">Reference yes, detected no.</param>
/// <param name="TrueNegatives">Reference no, detected no.</param>
/// <param name="FalsePositives">Reference no, detected yes.</param>
public readonly record struct BinaryConfusion(int TruePositives, int FalseNegatives, int TrueNegatives, int FalsePositives)
{
    /// <summary>TP / (TP + FN); NaN without reference positives.</summary>
    public double Sensitivity => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>TN / (TN + FP); NaN without reference negatives.</summary>
    public double Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>TP / (TP + FP); NaN without detections.</summary>
    public double PositivePredictiveValue => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>(TP + TN) / all.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalseNegatives + TrueNegatives + FalsePositives);

    /// <summary>Adds one decision.</summary>
    public BinaryConfusion With(bool reference, bool detected) => (reference, detected) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalseNegatives = FalseNegatives + 1 },
        (false, false) => this with { TrueNegatives = TrueNegatives + 1 },
        (false, true) => this with { FalsePositives = FalsePositives + 1 },
    };

    /// <summary>Gross pooling of counts.</summary>
    public static BinaryConfusion operator +(BinaryConfusion a, BinaryConfusion b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives, a.FalsePositives + b.FalsePositives);

    /// <summary>Same as <c>+</c>.</summary>
    public static BinaryConfusion Add(BinaryConfusion a, BinaryConfusion b) => a + b;

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
