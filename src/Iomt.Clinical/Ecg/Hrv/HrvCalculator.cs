namespace Iomt.Clinical.Ecg.Hrv;

/// <summary>
/// Computes <see cref="HrvSummary"/> from RR intervals. Only NN intervals enter (Task Force 1996, §9.4 of the
/// clinical reference): without beat labels, an interval is taken as NN when it lies in 0.3–2.0 s and differs
/// by at most 20 % from the last accepted one (a common artefact/ectopic filter; after three rejections in a
/// row the reference moves to the newest interval, so a real change of rate is followed); successive differences
/// are formed only between adjacent accepted intervals. The pNN50 denominator is the number of successive
/// differences, as in most software.
/// </summary>
public static class HrvCalculator
{
    /// <summary>Summarises <paramref name="rrSeconds"/>; null when fewer than two NN intervals remain.</summary>
    public static HrvSummary? Compute(ReadOnlySpan<double> rrSeconds)
    {
        double sum = 0, sumSquares = 0, diffSquares = 0, previous = double.NaN, lastAccepted = double.NaN;
        int count = 0, diffs = 0, over50 = 0, rejected = 0;
        foreach (var rr in rrSeconds)
        {
            var plausible = rr is >= 0.3 and <= 2.0;
            var normal = plausible && (double.IsNaN(previous) || rejected >= 3 || Math.Abs(rr - previous) <= 0.2 * previous);
            if (!normal)
            {
                // An ectopic or artefact breaks the chain of successive NN pairs.
                rejected++;
                lastAccepted = double.NaN;
                continue;
            }

            rejected = 0;

            if (!double.IsNaN(lastAccepted))
            {
                var d = rr - lastAccepted;
                diffSquares += d * d;
                diffs++;
                over50 += Math.Abs(d) > 0.050 ? 1 : 0;
            }

            sum += rr;
            sumSquares += rr * rr;
            count++;
            previous = rr;
            lastAccepted = rr;
        }

        if (count < 2)
        {
            return null;
        }

        var mean = sum / count;
        var variance = Math.Max(0, (sumSquares - (count * mean * mean)) / (count - 1));
        return new HrvSummary(
            count,
            60 / mean,
            1000 * Math.Sqrt(variance),
            diffs == 0 ? double.NaN : 1000 * Math.Sqrt(diffSquares / diffs),
            diffs == 0 ? double.NaN : 100.0 * over50 / diffs);
    }
}
