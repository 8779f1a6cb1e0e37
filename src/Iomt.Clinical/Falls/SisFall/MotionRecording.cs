namespace Iomt.Clinical.Falls.SisFall;

/// <summary>A whole accelerometer recording in memory (acceleration in g; gyroscope columns are not kept).</summary>
public sealed record MotionRecording(double[] TimeS, double[] Ax, double[] Ay, double[] Az)
{
    /// <summary>Number of samples.</summary>
    public int Length => TimeS.Length;

    /// <summary>Duration from first to last sample plus one sample period (s).</summary>
    public double DurationS => Length == 0 ? 0 : TimeS[^1] - TimeS[0] + (1 / SampleRateHz);

    /// <summary>The sampling rate (Hz) of the first samples (<see cref="EstimateRate"/>).</summary>
    public double SampleRateHz => EstimateRate(TimeS);

    /// <summary>An interval this many times the median one is a gap in the recording, not a sampling interval.</summary>
    public const double GapFactor = 5;

    /// <summary>Every <paramref name="factor"/>-th sample, as a device at a lower rate would deliver (no anti-alias filter).</summary>
    public MotionRecording Decimate(int factor)
    {
        if (factor <= 1)
        {
            return this;
        }

        var n = (Length + factor - 1) / factor;
        var t = new double[n];
        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = TimeS[i * factor];
            x[i] = Ax[i * factor];
            y[i] = Ay[i * factor];
            z[i] = Az[i * factor];
        }

        return new MotionRecording(t, x, y, z);
    }

    /// <summary>
    /// Sampling rate of the first intervals of <paramref name="times"/> (at most 500): intervals per second of their
    /// total, leaving out gaps (intervals over <see cref="GapFactor"/> times the median positive interval). Unlike the
    /// median interval this holds when timestamps are rounded coarser than the sampling period: 200 Hz written with
    /// two decimals alternates intervals of 0 and 0.01 s, whose median is 0 or 0.01 s (no rate, or 100 Hz).
    /// </summary>
    public static double EstimateRate(ReadOnlySpan<double> times)
    {
        var n = Math.Min(times.Length - 1, 500);
        if (n < 1)
        {
            return double.NaN;
        }

        var positive = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            if (times[i + 1] > times[i])
            {
                positive.Add(times[i + 1] - times[i]);
            }
        }

        if (positive.Count == 0)
        {
            return double.NaN;
        }

        positive.Sort();
        var gap = GapFactor * positive[positive.Count / 2];
        double total = 0;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var interval = times[i + 1] - times[i];
            if (interval <= gap)
            {
                total += interval;
                count++;
            }
        }

        return count / total;
    }
}
