namespace Iomt.Clinical.Evaluation;

/// <summary>
/// Scores AF labels per RR interval against reference rhythms. Convention (clinical reference §9.5, as in
/// most RR-based studies): intervals whose reference rhythm is <c>(AFIB</c> are AF, atrial flutter
/// <c>(AFL</c> is left out of Se/Sp and reported apart, every other rhythm is non-AF.
/// </summary>
public static class AfIntervalScorer
{
    /// <summary>Scores <paramref name="detectedAf"/> against <paramref name="referenceRhythms"/> (one per interval).</summary>
    public static AfIntervalScore Score(IReadOnlyList<string> referenceRhythms, IReadOnlyList<bool> detectedAf)
    {
        ArgumentNullException.ThrowIfNull(referenceRhythms);
        ArgumentNullException.ThrowIfNull(detectedAf);
        if (referenceRhythms.Count != detectedAf.Count)
        {
            throw new ArgumentException("one reference rhythm per interval is needed", nameof(detectedAf));
        }

        var confusion = default(BinaryConfusion);
        int flutter = 0, flutterAf = 0;
        for (var i = 0; i < referenceRhythms.Count; i++)
        {
            var rhythm = referenceRhythms[i];
            if (rhythm == ReferenceRhythm.AtrialFlutter)
            {
                flutter++;
                flutterAf += detectedAf[i] ? 1 : 0;
                continue;
            }

            confusion = confusion.With(rhythm == ReferenceRhythm.AtrialFibrillation, detectedAf[i]);
        }

        return new AfIntervalScore(confusion, flutter, flutterAf);
    }
}
