namespace Iomt.Clinical.Evaluation;

/// <summary>Draws from the standard normal distribution (Box–Muller) for the evaluations' synthetic noise.</summary>
internal static class StandardNormal
{
    /// <summary>One draw, mean 0 and standard deviation 1, from <paramref name="random"/>.</summary>
    public static double Next(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
