namespace Iomt.Server.Metrics;

/// <summary>A monotonically increasing count (Prometheus counter).</summary>
public sealed class Counter(string name, string help)
{
    private long _value;

    /// <summary>Metric name.</summary>
    public string Name { get; } = name;

    /// <summary>Help text.</summary>
    public string Help { get; } = help;

    /// <summary>Current value.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _value);

    /// <summary>Adds <paramref name="by"/> (≥ 0).</summary>
    public void Add(long by) => Interlocked.Add(ref _value, by);
}
