using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Clinical.Evaluation;

/// <summary>
/// The reference rhythm of a MIT-BIH record: rhythm-change annotations (<c>+</c>) carry the new rhythm in
/// their aux text, e.g. <c>(AFIB</c>, <c>(AFL</c>, <c>(N</c>; a rhythm holds until the next change.
/// </summary>
public sealed class ReferenceRhythm
{
    /// <summary>Aux text of atrial fibrillation.</summary>
    public const string AtrialFibrillation = "(AFIB";

    /// <summary>Aux text of atrial flutter.</summary>
    public const string AtrialFlutter = "(AFL";

    private readonly long[] _changes;
    private readonly string[] _rhythms;

    /// <summary>Builds the timeline from a record's annotations.</summary>
    public ReferenceRhythm(IEnumerable<MitAnnotation> annotations)
    {
        var changes = annotations.Where(a => a.Code == MitAnnotationCodes.Rhythm && a.Aux.Length > 0).ToList();
        _changes = changes.Select(a => a.Sample).ToArray();
        _rhythms = changes.Select(a => a.Aux.TrimEnd('\0')).ToArray();
    }

    /// <summary>True when the record has at least one AF episode.</summary>
    public bool HasAtrialFibrillation => _rhythms.Contains(AtrialFibrillation);

    /// <summary>
    /// The episodes of <paramref name="rhythm"/>, in seconds: each from a change to it until the next change to another
    /// rhythm (repeated annotations of the same rhythm continue the episode), the last one until
    /// <paramref name="endSeconds"/>, as WFDB <c>epicmp</c> reads them.
    /// </summary>
    public IReadOnlyList<Episode> Episodes(string rhythm, double samplingFrequency, double endSeconds)
    {
        var episodes = new List<Episode>();
        var start = double.NaN;
        for (var i = 0; i < _rhythms.Length; i++)
        {
            var time = _changes[i] / samplingFrequency;
            if (_rhythms[i] == rhythm && double.IsNaN(start))
            {
                start = time;
            }
            else if (_rhythms[i] != rhythm && !double.IsNaN(start))
            {
                episodes.Add(new Episode(start, time));
                start = double.NaN;
            }
        }

        if (!double.IsNaN(start))
        {
            episodes.Add(new Episode(start, Math.Max(start, endSeconds)));
        }

        return episodes;
    }

    /// <summary>The rhythm in effect at <paramref name="sample"/> (<c>(N</c> before the first change).</summary>
    public string At(long sample)
    {
        var i = Array.BinarySearch(_changes, sample);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return i >= 0 ? _rhythms[i] : "(N";
    }
}
