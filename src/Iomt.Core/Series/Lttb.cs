namespace Iomt.Core.Series;

/// <summary>
/// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013, "Downsampling Time Series for Visual
/// Representation", §4.2): keeps the first and last points and, per bucket, the point forming the largest
/// triangle with the previous kept point and the next bucket's average — so peaks and troughs survive.
/// </summary>
public static class Lttb
{
    /// <summary>Indices (ascending) of the points to keep; all indices when <paramref name="threshold"/> ≥ count or &lt; 3.</summary>
    public static int[] Select(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int threshold)
    {
        var n = x.Length;
        if (threshold >= n || threshold < 3)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var kept = new int[threshold];
        var every = (double)(n - 2) / (threshold - 2);
        var a = 0;
        kept[0] = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            var nextStart = (int)Math.Floor((bucket + 1) * every) + 1;
            var nextEnd = Math.Min((int)Math.Floor((bucket + 2) * every) + 1, n);
            double avgX = 0, avgY = 0;
            var nextCount = nextEnd - nextStart;
            for (var i = nextStart; i < nextEnd; i++)
            {
                avgX += x[i];
                avgY += y[i];
            }

            if (nextCount > 0)
            {
                avgX /= nextCount;
                avgY /= nextCount;
            }
            else
            {
                avgX = x[n - 1];
                avgY = y[n - 1];
            }

            var start = (int)Math.Floor(bucket * every) + 1;
            var end = (int)Math.Floor((bucket + 1) * every) + 1;
            var maxArea = -1.0;
            var chosen = start;
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs(((x[a] - avgX) * (y[i] - y[a])) - ((x[a] - x[i]) * (avgY - y[a])));
                if (area > maxArea)
                {
                    maxArea = area;
                    chosen = i;
                }
            }

            kept[bucket + 1] = chosen;
            a = chosen;
        }

        kept[threshold - 1] = n - 1;
        return kept;
    }
}
