namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>One patient's CGM trace prepared for scoring: readings, episodes below 55 mg/dL and days with data.</summary>
/// <param name="Name">Patient label (file name without extension).</param>
/// <param name="Readings">Time-ordered readings.</param>
/// <param name="Episodes">Episodes found by <see cref="HypoglycaemiaEpisodeFinder"/>.</param>
/// <param name="Days">Days with data (<see cref="UrgentLowSoonScorer.DaysWithData"/>).</param>
public sealed record PatientTrace(string Name, GlucoseReading[] Readings, IReadOnlyList<HypoglycaemiaEpisode> Episodes, double Days)
{
    /// <summary>Prepares a trace from its readings.</summary>
    public static PatientTrace From(string name, GlucoseReading[] readings) =>
        new(name, readings, HypoglycaemiaEpisodeFinder.Find(readings), UrgentLowSoonScorer.DaysWithData(readings));

    /// <summary>Runs a detector over the trace and scores it.</summary>
    public UrgentLowSoonScore Score(IUrgentLowSoonDetector detector) => UrgentLowSoonScorer.Run(detector, Readings, Episodes);
}
