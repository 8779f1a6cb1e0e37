namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>An episode below 55 mg/dL: from its first low reading up to (not including) <paramref name="End"/>.</summary>
/// <param name="Start">Time of the first low reading.</param>
/// <param name="End">First reading of the recovery run, or just after the last reading when the episode ran into a gap or the end of data.</param>
public readonly record struct HypoglycaemiaEpisode(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>True when <paramref name="time"/> falls inside the episode.</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}
