namespace Iomt.Clinical.Falls;

/// <summary>The shipped fall model, trained on all ten SisFall developer subjects (see docs/validation/falls.md).</summary>
public static class FallModelDefaults
{
    /// <summary>
    /// Waist-worn accelerometer model: <c>iomt eval falls</c> prints it as "Model trained on all subjects"
    /// (L2 1e-3, fall rows weighted 1, the weight chosen by leave-one-subject-out on the young subjects).
    /// The posture change and the impact carry most of the weight; a quiet post-impact second adds to it.
    /// </summary>
    public static FallModel Waist { get; } = new()
    {
        // ln_peak_g, prefall_min_g, fall_velocity_gs, posture_change_deg, post_ln_std, pre_ln_std, post_activity_g
        Means = [0.845263, 0.276292, 0.211730, 16.3711, -1.19871, -1.14363, 0.454176],
        Scales = [0.250005, 0.199579, 0.0829618, 28.7556, 1.40106, 1.32408, 0.250458],
        Weights = [1.06858, -0.162865, -0.0353863, 2.76508, -0.516707, -0.0336321, -0.436787],
        Bias = -5.84841,
    };
}
