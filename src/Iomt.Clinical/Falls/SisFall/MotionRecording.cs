namespace Iomt.Clinical.Falls.SisFall;

/// <summary>A whole accelerometer recording in memory (acceleration in g; gyroscope columns are not kept).</summary>
public sealed record MotionRecording(double[] TimeS, double[] Ax, double[] Ay, double[] Az)
{
    /// <summary>Number of samples.</summary>
    public int Length => TimeS.Length;

    /// <summary>Duration from first to last sample plus one sample period (s).</summary>
    public double DurationS => Length == 0 ? 0 : TimeS[^1] - TimeS[0] + (1 / SampleRateHz);

    /// <summary>The median sampling rate (Hz), robust to an odd jittered interval.</summary>
    public double SampleRateHz => EstimateRate(TimeS);

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

    /// <summary>Median rate of the first intervals of <paramref name="times"/> (at most 500).</summary>
    public static double EstimateRate(ReadOnlySpan<double> times)
    {
        var n = Math.Min(times.Length - 1, 500);
        if (n < 1)
        {
            return double.NaN;
        }

        var intervals = new double[n];
        for (var i = 0; i < n; i++)
        {
            intervals[i] = times[i + 1] - times[i];
        }

        Array.Sort(intervals);
        var median = intervals[n / 2];
        return median > 0 ? 1 / median : double.NaN;
    }
}
