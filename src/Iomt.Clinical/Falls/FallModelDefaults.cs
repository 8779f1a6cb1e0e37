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
        Means = [0.844357, 0.276297, 0.211800, 16.2627, -1.19419, -1.13957, 0.454717],
        Scales = [0.249577, 0.199593, 0.0829694, 28.6402, 1.39748, 1.32098, 0.250142],
        Weights = [1.06539, -0.163149, -0.0356439, 2.75388, -0.515386, -0.0329880, -0.435264],
        Bias = -5.86313,
    };
}
