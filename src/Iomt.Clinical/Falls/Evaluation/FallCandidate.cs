namespace Iomt.Clinical.Falls.Evaluation;

/// <summary>One scored impact candidate of a recording, kept for cross-validation.</summary>
public sealed record FallCandidate(double ImpactTimeS, double DecisionTimeS, double[] Features);
