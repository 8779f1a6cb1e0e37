namespace Iomt.Clinical.Evaluation;

/// <summary>A stretch of a recording in one state (an AF episode, reference or detected), in seconds from its start.</summary>
/// <param name="StartSeconds">Onset.</param>
/// <param name="EndSeconds">End (not before the onset).</param>
public readonly record struct Episode(double StartSeconds, double EndSeconds)
{
    /// <summary>Length in seconds.</summary>
    public double Seconds => EndSeconds - StartSeconds;

    /// <summary>Length of the part shared with <paramref name="other"/> (0 when they do not meet).</summary>
    public double OverlapSeconds(Episode other) =>
        Math.Max(0, Math.Min(EndSeconds, other.EndSeconds) - Math.Max(StartSeconds, other.StartSeconds));
}
