namespace Iomt.Clinical.Falls;

/// <summary>Sampling rate of a run of motion samples from their sampling intervals.</summary>
public static class SampleRate
{
    /// <summary>An interval this many times the median positive one is a gap in the recording, not a sampling interval.</summary>
    public const double GapFactor = 5;

    /// <summary>
    /// Intervals per second of their total, leaving out gaps (intervals over <see cref="GapFactor"/> times the median
    /// positive interval); NaN when no interval is positive. Unlike the median interval this holds when timestamps are
    /// rounded coarser than the sampling period: 200 Hz written with two decimals alternates intervals of 0 and 0.01 s,
    /// whose median is 0 or 0.01 s (no rate, or 100 Hz). <paramref name="scratch"/> holds at least as many values as
    /// <paramref name="intervals"/>; nothing is allocated.
    /// </summary>
    public static double FromIntervals(ReadOnlySpan<double> intervals, Span<double> scratch)
    {
        var positive = 0;
        foreach (var interval in intervals)
        {
            if (interval > 0)
            {
                scratch[positive++] = interval;
            }
        }

        if (positive == 0)
        {
            return double.NaN;
        }

        var sorted = scratch[..positive];
        sorted.Sort();
        // Exactly GapFactor periods (4 samples of 5 lost) is not a gap, whichever way the subtraction of two times rounds.
        var gap = GapFactor * sorted[positive / 2] * (1 + 1e-9);
        double total = 0;
        var count = 0;
        foreach (var interval in intervals)
        {
            if (interval <= gap)
            {
                total += interval;
                count++;
            }
        }

        return count / total;
    }
}
