using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Clinical.Evaluation;

/// <summary>
/// Beat-by-beat comparison in the manner of ANSI/AAMI EC57 and WFDB <c>bxb</c>: a detected beat matches a
/// reference beat when they are at most 150 ms apart; each beat matches at most once; only beats at or
/// after the start of the scoring period (5 min into the record) are counted. Pass reference beat
/// annotations only (<see cref="Ecg.Wfdb.MitAnnotation.IsBeat"/>).
/// </summary>
public static class BeatMatchScorer
{
    /// <summary>EC57 match window in seconds.</summary>
    public const double MatchWindowSeconds = 0.150;

    /// <summary>EC57 learning period excluded from scoring, in seconds.</summary>
    public const double LearningPeriodSeconds = 300;

    /// <summary>
    /// Scores <paramref name="detected"/> against <paramref name="reference"/> (both sorted sample numbers).
    /// Matching runs over the whole record so a pair straddling the start is not split; counting uses the
    /// reference time for matches and misses and the detected time for false detections.
    /// </summary>
    public static BeatMatchScore Score(ReadOnlySpan<long> reference, ReadOnlySpan<long> detected, double samplingFrequency, double startSeconds = LearningPeriodSeconds, double windowSeconds = MatchWindowSeconds)
    {
        var window = (long)Math.Floor(windowSeconds * samplingFrequency);
        var start = (long)Math.Ceiling(startSeconds * samplingFrequency);
        int tp = 0, fn = 0, fp = 0, i = 0, j = 0;
        while (i < reference.Length || j < detected.Length)
        {
            if (j >= detected.Length || (i < reference.Length && detected[j] - reference[i] > window))
            {
                fn += reference[i] >= start ? 1 : 0;
                i++;
            }
            else if (i >= reference.Length || reference[i] - detected[j] > window)
            {
                fp += detected[j] >= start ? 1 : 0;
                j++;
            }
            else if (j + 1 < detected.Length && Math.Abs(detected[j + 1] - reference[i]) < Math.Abs(detected[j] - reference[i]))
            {
                // Two detections near one reference beat: the nearer one matches, this one is extra.
                fp += detected[j] >= start ? 1 : 0;
                j++;
            }
            else if (i + 1 < reference.Length && Math.Abs(reference[i + 1] - detected[j]) < Math.Abs(reference[i] - detected[j])
                     && (j + 1 >= detected.Length || Math.Abs(detected[j + 1] - reference[i + 1]) > window || Math.Abs(detected[j + 1] - reference[i + 1]) >= Math.Abs(detected[j] - reference[i + 1])))
            {
                // This detection belongs to the next reference beat, so the current one was missed.
                fn += reference[i] >= start ? 1 : 0;
                i++;
            }
            else
            {
                tp += reference[i] >= start ? 1 : 0;
                i++;
                j++;
            }
        }

        return new BeatMatchScore(tp, fn, fp);
    }

    /// <summary>
    /// The ventricular flutter/fibrillation episodes of a reference annotation list (<c>[</c> to <c>]</c>; an
    /// episode still open at the end runs to the end of the record). QRS detection is not scored inside them:
    /// the reference has flutter waves there, not beats (MIT-BIH 207).
    /// </summary>
    public static IReadOnlyList<(long From, long To)> FlutterEpisodes(IEnumerable<MitAnnotation> annotations)
    {
        var episodes = new List<(long From, long To)>();
        long? open = null;
        foreach (var a in annotations)
        {
            if (a.Code == MitAnnotationCodes.VentricularFlutterOn)
            {
                open ??= a.Sample;
            }
            else if (a.Code == MitAnnotationCodes.VentricularFlutterOff && open is { } from)
            {
                episodes.Add((from, a.Sample));
                open = null;
            }
        }

        if (open is { } last)
        {
            episodes.Add((last, long.MaxValue));
        }

        return episodes;
    }

    /// <summary>The beats of <paramref name="beats"/> (sorted) that lie outside every episode of <paramref name="episodes"/>.</summary>
    public static long[] Outside(IEnumerable<long> beats, IReadOnlyList<(long From, long To)> episodes) =>
        [.. beats.Where(b => !episodes.Any(e => b >= e.From && b <= e.To))];
}
