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

    /// <summary>
    /// The recording as a device sampling at <paramref name="rateHz"/> would deliver it: each axis is averaged over one
    /// output period when the rate goes down (a crude stand-in for the anti-alias filter accelerometers apply at their
    /// output data rate), then linearly interpolated at <c>TimeS[0] + i / rateHz</c>. Assumes evenly spaced samples.
    /// With <paramref name="jitter"/> &gt; 0, each output sample is taken instead at a time moved by a uniform random
    /// fraction of the period in ±<paramref name="jitter"/>/2 (drawn from <paramref name="seed"/>), and carries that time:
    /// a phone's accelerometer, whose samples arrive at uneven moments and are stamped with them. Below 1 the times stay
    /// increasing.
    /// </summary>
    public MotionRecording Resample(double rateHz, double jitter = 0, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateHz);
        if (!(jitter is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "a fraction of the sampling period in [0, 1)");
        }

        var from = SampleRateHz;
        if (Length < 2 || (jitter == 0 && Math.Abs(rateHz - from) <= 1e-9 * from))
        {
            return this;
        }

        var random = new Random(seed);
        var halfWidth = rateHz < from ? (int)Math.Round(from / rateHz / 2) : 0;
        var x = MovingMean(Ax, halfWidth);
        var y = MovingMean(Ay, halfWidth);
        var z = MovingMean(Az, halfWidth);
        var n = (int)Math.Floor(((TimeS[^1] - TimeS[0]) * rateHz) + 1e-9) + 1;
        var rt = new double[n];
        var rx = new double[n];
        var ry = new double[n];
        var rz = new double[n];
        var j = 0;
        for (var i = 0; i < n; i++)
        {
            var t = TimeS[0] + ((i + (jitter * (random.NextDouble() - 0.5))) / rateHz);
            while (j < Length - 2 && TimeS[j + 1] <= t)
            {
                j++;
            }

            var f = Math.Clamp((t - TimeS[j]) / (TimeS[j + 1] - TimeS[j]), 0, 1);
            rt[i] = t;
            rx[i] = x[j] + (f * (x[j + 1] - x[j]));
            ry[i] = y[j] + (f * (y[j + 1] - y[j]));
            rz[i] = z[j] + (f * (z[j + 1] - z[j]));
        }

        return new MotionRecording(rt, rx, ry, rz);
    }

    /// <summary>
    /// The recording as a sensor with a full-scale range of ±<paramref name="rangeG"/> would have measured it: every
    /// axis clipped to the range (many phones measure ±2 g, SisFall's ADXL345 ±16 g).
    /// </summary>
    public MotionRecording Clip(double rangeG)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangeG);
        double[] Clip(double[] axis) => [.. axis.Select(v => Math.Clamp(v, -rangeG, rangeG))];
        return this with { Ax = Clip(Ax), Ay = Clip(Ay), Az = Clip(Az) };
    }

    private static double[] MovingMean(double[] values, int halfWidth)
    {
        if (halfWidth == 0)
        {
            return values;
        }

        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i + 1] = prefix[i] + values[i];
        }

        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var lo = Math.Max(0, i - halfWidth);
            var hi = Math.Min(values.Length, i + halfWidth + 1);
            result[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
        }

        return result;
    }

    /// <summary>
    /// Sampling rate of the first intervals of <paramref name="times"/> (at most 500), by
    /// <see cref="SampleRate.FromIntervals"/>: gaps left out, rounded timestamps allowed for.
    /// </summary>
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

        return SampleRate.FromIntervals(intervals);
    }
}
