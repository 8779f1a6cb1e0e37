using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Clinical.Falls.Evaluation;

/// <summary>All impact candidates the detector produced on one recording, with the recording's label and length.</summary>
public sealed record RecordingCandidates(SisFallRecording Recording, double DurationS, IReadOnlyList<FallCandidate> Candidates)
{
    /// <summary>
    /// Runs the detector over <paramref name="motion"/> and keeps every candidate. The model does not
    /// change which candidates exist, only how they are scored, so a fold can re-score them.
    /// </summary>
    public static RecordingCandidates Extract(SisFallRecording recording, MotionRecording motion, FallDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(motion);
        var sink = new CollectingSink();
        var detector = new FallDetector(motion.SampleRateHz, options, sink);
        for (var i = 0; i < motion.Length; i++)
        {
            detector.Add(motion.TimeS[i], motion.Ax[i], motion.Ay[i], motion.Az[i], out _);
        }

        detector.Flush(out _);

        return new RecordingCandidates(recording, motion.DurationS, sink.Candidates);
    }

    /// <summary>Times of the falls the detector would raise with <paramref name="model"/> (same rule as <see cref="FallDetector"/>).</summary>
    public IReadOnlyList<double> FallTimes(FallModel model, double refractoryS)
    {
        ArgumentNullException.ThrowIfNull(model);
        var times = new List<double>();
        var last = double.NegativeInfinity;
        foreach (var candidate in Candidates)
        {
            if (model.Probability(candidate.Features) >= model.Threshold && candidate.DecisionTimeS - last >= refractoryS)
            {
                last = candidate.DecisionTimeS;
                times.Add(last);
            }
        }

        return times;
    }

    private sealed class CollectingSink : IFallCandidateSink
    {
        public List<FallCandidate> Candidates { get; } = [];

        public void OnCandidate(double impactTimeS, double decisionTimeS, ReadOnlySpan<double> features, double probability) =>
            Candidates.Add(new FallCandidate(impactTimeS, decisionTimeS, features.ToArray()));
    }
}
