namespace Iomt.Clinical.Falls;

/// <summary>
/// Logistic model over the standardised <see cref="FallFeatures"/>: probability that an impact
/// candidate is a fall. Small enough to read: one weight per feature.
/// </summary>
public sealed record FallModel
{
    /// <summary>Feature means used for standardisation.</summary>
    public required IReadOnlyList<double> Means { get; init; }

    /// <summary>Feature standard deviations used for standardisation.</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>Weights on the standardised features.</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Intercept.</summary>
    public required double Bias { get; init; }

    /// <summary>Probability at or above which a candidate is a fall.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Probability that the candidate with <paramref name="features"/> is a fall.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        var z = Bias;
        for (var i = 0; i < features.Length; i++)
        {
            z += Weights[i] * (features[i] - Means[i]) / Scales[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
