using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Iomt.Server.Metrics;

/// <summary>The server's metrics and their Prometheus text exposition (format 0.0.4).</summary>
public sealed class ServerMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private static readonly double[] SizeBuckets = [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000];
    private readonly ConcurrentDictionary<string, Func<long>> _queueDepths = new(StringComparer.Ordinal);

    /// <summary>Readings stored.</summary>
    public Counter ReadingsAccepted { get; } = new("iomt_readings_accepted_total", "Readings stored durably.");

    /// <summary>Readings rejected into the dead letters.</summary>
    public Counter ReadingsRejected { get; } = new("iomt_readings_rejected_total", "Readings rejected and kept as dead letters.");

    /// <summary>Resent readings acknowledged again without storing.</summary>
    public Counter ReadingsDuplicate { get; } = new("iomt_readings_duplicate_total", "Readings already stored (resends), acknowledged again.");

    /// <summary>Failed commits.</summary>
    public Counter CommitFailures { get; } = new("iomt_commit_failures_total", "Group commits that failed; their senders got no acknowledgement.");

    /// <summary>Committed readings the detection runner went through.</summary>
    public Counter DetectionReadings { get; } = new("iomt_detection_readings_total", "Committed readings the detection runner processed.");

    /// <summary>Events the detectors raised and stored.</summary>
    public Counter DetectionEvents { get; } = new("iomt_detection_events_total", "Clinical events raised by the detectors and stored.");

    /// <summary>Detection consumers restarted after a failure.</summary>
    public Counter DetectionFailures { get; } = new("iomt_detection_failures_total", "Detection consumers that failed and restarted from their checkpoint.");

    /// <summary>Commit transaction latency.</summary>
    public Histogram CommitLatency { get; } = new("iomt_commit_latency_seconds", "Duration of one group-commit transaction.", LatencyBuckets);

    /// <summary>Readings per commit.</summary>
    public Histogram CommitBatchSize { get; } = new("iomt_commit_batch_readings", "Readings per group-commit transaction.", SizeBuckets);

    /// <summary>Registers a queue whose depth is exported as a gauge.</summary>
    public void SetQueueDepthSource(string queue, Func<long> depth) => _queueDepths[queue] = depth;

    /// <summary>Writes every metric in Prometheus text format.</summary>
    public string ToPrometheusText()
    {
        var sb = new StringBuilder(2048);
        foreach (var c in new[] { ReadingsAccepted, ReadingsRejected, ReadingsDuplicate, CommitFailures, DetectionReadings, DetectionEvents, DetectionFailures })
        {
            sb.Append("# HELP ").Append(c.Name).Append(' ').Append(c.Help).Append('\n');
            sb.Append("# TYPE ").Append(c.Name).Append(" counter\n");
            sb.Append(c.Name).Append(' ').Append(c.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var h in new[] { CommitLatency, CommitBatchSize })
        {
            AppendHistogram(sb, h);
        }

        sb.Append("# HELP iomt_queue_depth Items waiting in a bounded queue.\n# TYPE iomt_queue_depth gauge\n");
        foreach (var (queue, depth) in _queueDepths.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            sb.Append("iomt_queue_depth{queue=\"").Append(queue).Append("\"} ").Append(depth().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendHistogram(StringBuilder sb, Histogram h)
    {
        sb.Append("# HELP ").Append(h.Name).Append(' ').Append(h.Help).Append('\n');
        sb.Append("# TYPE ").Append(h.Name).Append(" histogram\n");
        var cumulative = h.CumulativeCounts();
        for (var i = 0; i < h.UpperBounds.Count; i++)
        {
            sb.Append(h.Name).Append("_bucket{le=\"").Append(h.UpperBounds[i].ToString(CultureInfo.InvariantCulture)).Append("\"} ")
              .Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        sb.Append(h.Name).Append("_bucket{le=\"+Inf\"} ").Append(cumulative[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(h.Name).Append("_sum ").Append(h.Sum.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(h.Name).Append("_count ").Append(h.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
