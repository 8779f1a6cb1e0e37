namespace Iomt.Clinical.Evaluation;

/// <summary>
/// Episode-by-episode AF comparison of one record (or pooled records), as ANSI/AAMI EC57 defines it (<see cref="AfEpisodeScorer"/>).
/// </summary>
/// <param name="ReferenceFound">Reference episodes overlapped by a detected one (EC57 "TPs").</param>
/// <param name="ReferenceMissed">Reference episodes no detected one overlaps (FN).</param>
/// <param name="DetectedTrue">Detected episodes that overlap a reference one ("TPp").</param>
/// <param name="DetectedFalse">Detected episodes that overlap none (FP).</param>
/// <param name="ReferenceSeconds">Total length of the reference episodes.</param>
/// <param name="ReferenceCoveredSeconds">Of that, the time also in a detected episode.</param>
/// <param name="DetectedSeconds">Total length of the detected episodes.</param>
/// <param name="DetectedCoveredSeconds">Of that, the time also in a reference episode.</param>
public readonly record struct AfEpisodeScore(
    int ReferenceFound,
    int ReferenceMissed,
    int DetectedTrue,
    int DetectedFalse,
    double ReferenceSeconds,
    double ReferenceCoveredSeconds,
    double DetectedSeconds,
    double DetectedCoveredSeconds)
{
    /// <summary>Episode sensitivity; NaN without reference episodes.</summary>
    public double EpisodeSensitivity => Ratio(ReferenceFound, ReferenceFound + ReferenceMissed);

    /// <summary>Episode positive predictivity; NaN without detected episodes.</summary>
    public double EpisodePositivePredictivity => Ratio(DetectedTrue, DetectedTrue + DetectedFalse);

    /// <summary>Duration sensitivity: the share of reference AF time that is detected.</summary>
    public double DurationSensitivity => Ratio(ReferenceCoveredSeconds, ReferenceSeconds);

    /// <summary>Duration positive predictivity: the share of detected AF time that is reference AF.</summary>
    public double DurationPositivePredictivity => Ratio(DetectedCoveredSeconds, DetectedSeconds);

    /// <summary>Gross pooling: counts and times add up.</summary>
    public static AfEpisodeScore operator +(AfEpisodeScore a, AfEpisodeScore b) => new(
        a.ReferenceFound + b.ReferenceFound,
        a.ReferenceMissed + b.ReferenceMissed,
        a.DetectedTrue + b.DetectedTrue,
        a.DetectedFalse + b.DetectedFalse,
        a.ReferenceSeconds + b.ReferenceSeconds,
        a.ReferenceCoveredSeconds + b.ReferenceCoveredSeconds,
        a.DetectedSeconds + b.DetectedSeconds,
        a.DetectedCoveredSeconds + b.DetectedCoveredSeconds);

    /// <summary>Same as <c>+</c>.</summary>
    public static AfEpisodeScore Add(AfEpisodeScore a, AfEpisodeScore b) => a + b;

    private static double Ratio(double numerator, double denominator) => denominator <= 0 ? double.NaN : numerator / denominator;
}
