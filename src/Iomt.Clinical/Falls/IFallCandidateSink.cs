namespace Iomt.Clinical.Falls;

/// <summary>Receives every impact candidate the fall detector scores (for evaluation and training).</summary>
public interface IFallCandidateSink
{
    /// <summary>Called once per candidate when its post-impact window is complete.</summary>
    /// <param name="impactTimeS">Time of the impact peak.</param>
    /// <param name="decisionTimeS">Time the decision was taken (impact + post-impact window).</param>
    /// <param name="features">The candidate's <see cref="FallFeatures"/> (valid only during the call).</param>
    /// <param name="probability">The model's fall probability.</param>
    void OnCandidate(double impactTimeS, double decisionTimeS, ReadOnlySpan<double> features, double probability);
}
