using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Clinical.Tests.Falls;

/// <summary>Hand-made waist accelerometer signals (g) with gravity along −y when upright, as in SisFall.</summary>
internal static class SyntheticMotion
{
    /// <summary>Standing, walking, then a 0.4 s free fall, a 4 g impact (80 ms unless given) and lying still on the side.</summary>
    public static MotionRecording FallThenLyingStill(double rateHz, double fallAtS = 8, double durationS = 20, double impactS = 0.08) =>
        Generate(rateHz, durationS, t =>
        {
            if (t < fallAtS - 3)
            {
                return Standing(t);
            }

            if (t < fallAtS - 0.4)
            {
                return Walking(t);
            }

            if (t < fallAtS)
            {
                return (0.05, -0.1, 0.05); // free fall: the accelerometer reads almost nothing
            }

            if (t < fallAtS + impactS)
            {
                return (1.5, 3.0, 2.0); // impact, about 3.9 g
            }

            return (0, 0, 1); // lying on the side: gravity now along z, still
        });

    /// <summary>
    /// Sitting upright, slumping forward by 60° over 4 s (a faint), then a short drop, a 2.5 g impact and
    /// lying prone (gravity along −z, 90° from sitting upright), as in SisFall F13.
    /// </summary>
    public static MotionRecording SlumpThenFall(double rateHz, double fallAtS = 10, double durationS = 16) =>
        Generate(rateHz, durationS, t =>
        {
            var slumpStart = fallAtS - 4.3;
            if (t < slumpStart)
            {
                return (0, -1, 0);
            }

            if (t < fallAtS - 0.3)
            {
                var tilt = 60 * Math.PI / 180 * (t - slumpStart) / 4;
                return (0, -Math.Cos(tilt), -Math.Sin(tilt));
            }

            if (t < fallAtS)
            {
                return (0, -0.2, -0.3); // the drop off the chair
            }

            if (t < fallAtS + 0.08)
            {
                return (0, -1.0, -2.3); // impact, about 2.5 g
            }

            return (0, 0, -1); // lying prone, still
        });

    /// <summary>Walking for the whole duration.</summary>
    public static MotionRecording Walking(double rateHz, double durationS = 60) => Generate(rateHz, durationS, Walking);

    /// <summary>Standing, sitting down briskly on a chair (0.5 s, 1.5 g bump, 20° lean back), sitting still.</summary>
    public static MotionRecording SitDown(double rateHz, double durationS = 20) =>
        Generate(rateHz, durationS, t =>
        {
            if (t < 5)
            {
                return Standing(t);
            }

            if (t < 5.5)
            {
                var s = (t - 5) / 0.5;
                return (0, -1 + (0.3 * Math.Sin(Math.PI * s)), 0);
            }

            if (t < 5.7)
            {
                return (0, -1.5, 0.2); // seat contact
            }

            var lean = 20 * Math.PI / 180;
            return (0, -Math.Cos(lean), Math.Sin(lean));
        });

    /// <summary>Lying perfectly still (with sensor-like noise of ±0.01 g) for <paramref name="durationS"/>.</summary>
    public static MotionRecording StillWithNoise(double rateHz, double durationS)
    {
        var random = new Random(7);
        return Generate(rateHz, durationS, _ => (0.01 * (random.NextDouble() - 0.5), 0.01 * (random.NextDouble() - 0.5), 1 + (0.01 * (random.NextDouble() - 0.5))));
    }

    /// <summary><paramref name="before"/>'s samples up to <paramref name="atS"/>, then <paramref name="after"/>'s (a device that changes its rate).</summary>
    public static MotionRecording Splice(MotionRecording before, MotionRecording after, double atS)
    {
        var first = before.TimeS.Count(t => t < atS);
        var rest = Enumerable.Range(0, after.Length).Where(i => after.TimeS[i] >= atS).ToArray();
        double[] Join(double[] a, double[] b) => [.. a.Take(first), .. rest.Select(i => b[i])];
        return new MotionRecording(Join(before.TimeS, after.TimeS), Join(before.Ax, after.Ax), Join(before.Ay, after.Ay), Join(before.Az, after.Az));
    }

    /// <summary>The samples whose time passes <paramref name="keep"/> (a file that starts later, samples lost in gaps).</summary>
    public static MotionRecording Where(MotionRecording recording, Func<double, bool> keep)
    {
        var rows = Enumerable.Range(0, recording.Length).Where(i => keep(recording.TimeS[i])).ToArray();
        return new MotionRecording([.. rows.Select(i => recording.TimeS[i])], [.. rows.Select(i => recording.Ax[i])], [.. rows.Select(i => recording.Ay[i])], [.. rows.Select(i => recording.Az[i])]);
    }

    public static MotionRecording Generate(double rateHz, double durationS, Func<double, (double X, double Y, double Z)> at)
    {
        var n = (int)(durationS * rateHz);
        var t = new double[n];
        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = i / rateHz;
            (x[i], y[i], z[i]) = at(t[i]);
        }

        return new MotionRecording(t, x, y, z);
    }

    private static (double, double, double) Standing(double t) => (0.005 * Math.Sin(t), -1, 0.005 * Math.Cos(t));

    // Walking at 2 steps/s: vertical ±0.35 g, antero-posterior ±0.15 g, heel-strike peaks near 1.5 g.
    private static (double, double, double) Walking(double t) =>
        (0.15 * Math.Sin(2 * Math.PI * 2 * t), -1 - (0.35 * Math.Sin(2 * Math.PI * 2 * t)) - (0.15 * Math.Max(0, Math.Sin(2 * Math.PI * 2 * t * 2))), 0.1 * Math.Sin(2 * Math.PI * t));
}
