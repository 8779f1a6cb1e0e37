namespace Iomt.Clinical.Falls;

/// <summary>The shipped fall model, trained on all ten SisFall developer subjects (see docs/validation/falls.md).</summary>
public static class FallModelDefaults
{
    /// <summary>
    /// Waist-worn accelerometer model: <c>iomt eval falls</c> prints it as "Model trained on all subjects"
    /// (L2 1e-3, fall rows weighted 1, the weight chosen by leave-one-subject-out on the young subjects; detector
    /// settings 2.25 Hz low-pass and 1.4 g candidate threshold, chosen by the grid search over all ten that
    /// <c>iomt eval falls --nested</c> prints as "chosen on all subjects").
    /// The posture change and the impact carry most of the weight; a quiet post-impact second adds to it.
    /// </summary>
    public static FallModel Waist { get; } = new()
    {
        // ln_peak_g, prefall_min_g, fall_velocity_gs, posture_change_deg, post_ln_std, pre_ln_std, post_activity_g
        Means = [0.5494, 0.431167, 0.16059, 16.5097, -1.61643, -1.53394, 0.303384],
        Scales = [0.157963, 0.19274, 0.0658292, 29.7238, 1.35399, 1.25859, 0.159523],
        Weights = [0.705186, -0.0219596, 0.0794308, 3.28959, -0.447096, -0.0635744, -0.290205],
        Bias = -5.64333,
    };
}
