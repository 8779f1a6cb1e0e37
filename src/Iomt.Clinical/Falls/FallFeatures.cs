namespace Iomt.Clinical.Falls;

/// <summary>
/// The few physically meaningful features computed around one impact candidate, on the
/// low-pass filtered acceleration resampled to the detector's grid. All are rotation-invariant (magnitudes and
/// the angle between two gravity estimates), so the detector does not depend on how the device's axes
/// are mounted at the waist.
/// </summary>
public static class FallFeatures
{
    /// <summary>Number of features.</summary>
    public const int Count = 7;

    /// <summary>Feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "ln_peak_g", "prefall_min_g", "fall_velocity_gs", "posture_change_deg", "post_ln_std", "pre_ln_std", "post_activity_g",
    ];

    /// <summary>Writes the features of the impact at grid index <paramref name="impact"/> into <paramref name="features"/>.</summary>
    internal static void Compute(MotionHistory history, long impact, FallDetectorOptions options, Span<double> features)
    {
        var rate = options.GridRateHz;
        var second = (long)Math.Round(rate);
        var pre = (long)Math.Round(options.PreWindowS * rate);
        var post = (long)Math.Round(options.PostWindowS * rate);

        features[0] = Math.Log(history.Magnitude(impact));

        // Free fall before the impact (Bourke 2007 lower threshold; Bourke 2010 velocity): the deficit
        // below 1 g integrated over the last second approximates the downward speed in g·s.
        var (ffFrom, ffTo) = history.Clamp(impact - second, impact);
        var min = history.Magnitude(impact);
        var deficit = 0.0;
        for (var k = ffFrom; k < ffTo; k++)
        {
            var m = history.Magnitude(k);
            min = Math.Min(min, m);
            deficit += Math.Max(0, 1 - m);
        }

        features[1] = min;
        features[2] = deficit / rate;

        // Posture (Kangas 2008, clinical-reference §10): gravity direction in the last second of the
        // post-impact window versus the one-second posture before the impact most different from it.
        // The reference windows start from PostureLookbackS to PreWindowS before the impact, every half
        // second: a slow collapse (fainting, sliding off a chair) already tilts the trunk during the
        // seconds before the drop, which a single reference just before the impact would miss.
        // The post-impact window ends PostWindowS after the impact, or earlier when a recording stops before
        // (FallDetector.Flush); its last second is the posture and stillness afterwards.
        var end = Math.Min(impact + post, history.Count);
        var after = MeanVector(history, end - second, end);
        var lookback = (long)Math.Round(Math.Max(options.PostureLookbackS, options.PreWindowS) * rate);
        var half = HalfSecond(options);
        var change = 0.0;
        var referenced = false;
        for (var start = impact - lookback; start <= impact - pre; start += half)
        {
            // A window that the start of the run cuts to less than half a second is no posture: its few samples are
            // the filter's starting value, the run's first raw sample, which during movement can point anywhere.
            var (from, to) = history.Clamp(start, start + second);
            if (to - from >= half)
            {
                change = Math.Max(change, AngleDegrees(MeanVector(history, from, to), after));
                referenced = true;
            }
        }

        // A run that started less than about 2 s before the impact (a file cut shortly before a fall, a stream back
        // after a gap) has none of those windows. The reference is then the mean of its raw samples over its first half
        // second, or up to half a second before the impact when that comes sooner, provided that is a quarter second
        // or more (the fall itself is under way in the last half second) and holds samples through it
        // (MotionHistory.TryRawStartMean). Raw samples, not the filtered signal: the filter starts from the run's first
        // sample, which during movement can point anywhere, while a quarter second of raw samples averages most of a
        // stride out.
        var startSteps = Math.Min(half, impact - half);
        if (!referenced && history.Oldest == 0 && 4 * startSteps >= second && history.TryRawStartMean(startSteps, out var upright))
        {
            change = AngleDegrees(upright, after);
        }

        features[3] = change;

        features[4] = Math.Log(StdMagnitude(history, end - second, end) + 0.01);
        features[5] = Math.Log(StdMagnitude(history, impact - pre, impact - pre + second) + 0.01);

        var (paFrom, paTo) = history.Clamp(impact + (second / 2), end);
        var activity = 0.0;
        for (var k = paFrom; k < paTo; k++)
        {
            activity += Math.Abs(history.Magnitude(k) - 1);
        }

        features[6] = paTo > paFrom ? activity / (paTo - paFrom) : 0;
    }

    /// <summary>Half a second on the detector's grid (at least one step).</summary>
    internal static int HalfSecond(FallDetectorOptions options) => Math.Max(1, (int)Math.Round(options.GridRateHz) / 2);

    private static (double X, double Y, double Z) MeanVector(MotionHistory history, long from, long to)
    {
        (from, to) = history.Clamp(from, to);
        if (to <= from)
        {
            return (0, 0, 0);
        }

        double x = 0, y = 0, z = 0;
        for (var k = from; k < to; k++)
        {
            x += history.X(k);
            y += history.Y(k);
            z += history.Z(k);
        }

        var n = to - from;
        return (x / n, y / n, z / n);
    }

    private static double AngleDegrees((double X, double Y, double Z) a, (double X, double Y, double Z) b)
    {
        var na = Math.Sqrt((a.X * a.X) + (a.Y * a.Y) + (a.Z * a.Z));
        var nb = Math.Sqrt((b.X * b.X) + (b.Y * b.Y) + (b.Z * b.Z));
        if (na < 1e-9 || nb < 1e-9)
        {
            return 0;
        }

        var cos = ((a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z)) / (na * nb);
        return Math.Acos(Math.Clamp(cos, -1, 1)) * 180 / Math.PI;
    }

    private static double StdMagnitude(MotionHistory history, long from, long to)
    {
        (from, to) = history.Clamp(from, to);
        if (to - from < 2)
        {
            return 0;
        }

        double sum = 0, sumSq = 0;
        for (var k = from; k < to; k++)
        {
            var m = history.Magnitude(k);
            sum += m;
            sumSq += m * m;
        }

        var n = to - from;
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
    }
}
