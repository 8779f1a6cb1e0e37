using Iomt.Clinical.Evaluation;

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

    /// <summary>
    /// The trace a sparser sensor would have given: the first reading, then each reading at least 90 % of
    /// <paramref name="interval"/> after the last one kept (a sensor's own clock jitters: Dexcom's 5 minutes are often
    /// 4:59), e.g. every third of a Dexcom's readings for 15 min, a Libre's stored history. Episodes and days are found
    /// again on what is kept.
    /// </summary>
    public PatientTrace Sparser(TimeSpan interval)
    {
        var kept = new List<GlucoseReading>();
        foreach (var reading in Readings)
        {
            if (kept.Count == 0 || reading.Time - kept[^1].Time >= interval * 0.9)
            {
                kept.Add(reading);
            }
        }

        return From(Name, [.. kept]);
    }

    /// <summary>
    /// The trace a noisier sensor would have given: white Gaussian noise of <paramref name="sdMgDl"/> added to every
    /// reading (seeded, so a run is repeatable), kept within the 39–401 mg/dL a CGM reports. The episodes stay those of
    /// the trace as it was: they are what happened, the noisy readings are what the detectors see.
    /// </summary>
    public PatientTrace WithNoise(double sdMgDl, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sdMgDl);
        var random = new Random(seed);
        GlucoseReading[] noisy = [.. Readings.Select(r => r with { MgDl = Math.Clamp(r.MgDl + (sdMgDl * StandardNormal.Next(random)), GlucoseCsvReader.LowCodeMgDl, GlucoseCsvReader.HighCodeMgDl) })];
        return this with { Readings = noisy };
    }

    /// <summary>Runs a detector over the trace and scores it.</summary>
    public UrgentLowSoonScore Score(IUrgentLowSoonDetector detector) => UrgentLowSoonScorer.Run(detector, Readings, Episodes);
}
