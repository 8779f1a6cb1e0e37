namespace Iomt.Clinical.Falls;

/// <summary>Sampling rate of a run of motion samples from their sampling intervals.</summary>
public static class SampleRate
{
    /// <summary>An interval this many times the median positive one is a gap in the recording, not a sampling interval.</summary>
    public const double GapFactor = 5;

    /// <summary>
    /// Shortest interval (s) taken as a gap whatever the median: a clock stepping by a tenth of a second (samples stamped
    /// in batches) has positive intervals of 0.1 s, and at the lowest rate (12 Hz) a period is 0.083 s.
    /// </summary>
    public const double MinimumGapS = 0.15;

    /// <summary>How many positive intervals, evenly spread, the median that sets the gap level is taken over.</summary>
    public const int MedianSample = 31;

    /// <summary>Longest interval that is still a sampling interval, given the median positive interval.</summary>
    public static double GapLevel(double medianPositiveS) =>
        // Exactly GapFactor periods (4 samples of 5 lost) is not a gap, whichever way the subtraction of two times rounds.
        Math.Max(MinimumGapS, GapFactor * medianPositiveS * (1 + 1e-9));

    /// <summary>
    /// Intervals per second of their total, leaving out gaps (intervals over <see cref="GapLevel"/>: 0.15 s, or
    /// <see cref="GapFactor"/> times the median positive interval, taken over at most <see cref="MedianSample"/> of them
    /// evenly spread, if longer); NaN when no interval is positive. Unlike the median interval this holds when
    /// timestamps are rounded coarser than the sampling period: 200 Hz written with two decimals alternates intervals of
    /// 0 and 0.01 s, whose median is 0 or 0.01 s (no rate, or 100 Hz).
    /// </summary>
    public static double FromIntervals(ReadOnlySpan<double> intervals)
    {
        Span<double> scratch = stackalloc double[MedianSample];
        var positive = 0;
        foreach (var interval in intervals)
        {
            positive += interval > 0 ? 1 : 0;
        }

        if (positive == 0)
        {
            return double.NaN;
        }

        var stride = (positive + MedianSample - 1) / MedianSample;
        var taken = 0;
        var seen = 0;
        foreach (var interval in intervals)
        {
            if (interval > 0 && seen++ % stride == 0)
            {
                scratch[taken++] = interval;
            }
        }

        var sorted = scratch[..taken];
        sorted.Sort();
        var gap = GapLevel(sorted[taken / 2]);
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
