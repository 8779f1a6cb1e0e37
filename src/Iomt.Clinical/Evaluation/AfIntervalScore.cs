namespace Iomt.Clinical.Evaluation;

/// <summary>Per-RR-interval AF scoring of one record (or pooled records).</summary>
/// <param name="Confusion">AF vs non-AF counts, atrial flutter intervals left out.</param>
/// <param name="FlutterIntervals">Reference atrial flutter intervals (not scored).</param>
/// <param name="FlutterLabelledAf">Of those, how many the detector labelled AF.</param>
public readonly record struct AfIntervalScore(BinaryConfusion Confusion, int FlutterIntervals, int FlutterLabelledAf)
{
    /// <summary>Gross pooling.</summary>
    public static AfIntervalScore operator +(AfIntervalScore a, AfIntervalScore b) =>
        new(a.Confusion + b.Confusion, a.FlutterIntervals + b.FlutterIntervals, a.FlutterLabelledAf + b.FlutterLabelledAf);

    /// <summary>Same as <c>+</c>.</summary>
    public static AfIntervalScore Add(AfIntervalScore a, AfIntervalScore b) => a + b;
}
