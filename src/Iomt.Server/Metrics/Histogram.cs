namespace Iomt.Server.Metrics;

/// <summary>A histogram with fixed cumulative buckets (Prometheus histogram), lock-free.</summary>
public sealed class Histogram(string name, string help, double[] upperBounds)
{
    private readonly long[] _counts = new long[upperBounds.Length + 1];
    private long _count;
    private long _sumMicro;

    /// <summary>Metric name.</summary>
    public string Name { get; } = name;

    /// <summary>Help text.</summary>
    public string Help { get; } = help;

    /// <summary>Bucket upper bounds (inclusive), ascending.</summary>
    public IReadOnlyList<double> UpperBounds { get; } = upperBounds;

    /// <summary>Number of observations.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Sum of observations.</summary>
    public double Sum => Interlocked.Read(ref _sumMicro) / 1e6;

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        var i = 0;
        while (i < upperBounds.Length && value > upperBounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicro, (long)(value * 1e6));
    }

    /// <summary>Cumulative count of observations ≤ bound i (the last entry is +Inf).</summary>
    public long[] CumulativeCounts()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            result[i] = running;
        }

        return result;
    }
}
