using System.Threading.Channels;
using Iomt.Server.Metrics;
using Iomt.Storage;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Feed;

/// <summary>
/// Committed readings, partitioned by patient (or by device when unbound) so each patient's readings stay
/// in commit order. Each partition is a bounded channel. The writer never waits on consumers: when a
/// partition is full the reading is not queued and the partition is marked <see cref="FeedPartition.Overflowed"/>;
/// its consumer then replays from the store by sequence (consumers are restartable from a checkpoint anyway).
/// Each partition has one consumer, the <see cref="Detection.DetectionRunner"/>'s (with detection disabled a partition
/// fills to its capacity and stays marked overflowed, which bounds the memory it pins).
/// </summary>
public sealed class CommittedFeed
{
    private readonly FeedPartition[] _partitions;

    /// <summary>Creates the partitions.</summary>
    public CommittedFeed(IOptions<FeedOptions> options, ServerMetrics metrics)
    {
        var o = options.Value;
        _partitions = new FeedPartition[Math.Max(1, o.Partitions)];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new FeedPartition(i, o.PartitionCapacity);
        }

        metrics.SetQueueDepthSource("feed", () => _partitions.Sum(p => p.Depth));
    }

    /// <summary>Number of partitions.</summary>
    public int PartitionCount => _partitions.Length;

    /// <summary>The partition a patient's (or unbound device's) readings go to.</summary>
    public int PartitionOf(string key) => (int)((uint)StableHash(key) % (uint)_partitions.Length);

    /// <summary>A partition, for its single consumer.</summary>
    public FeedPartition Partition(int index) => _partitions[index];

    /// <summary>
    /// Publishes a committed batch in sequence order (a store may number a batch's readings in another order than
    /// they came, e.g. SQLite groups them into chunks per device and patient), so each partition delivers its
    /// readings in ascending sequence; duplicates (sequence 0) are skipped.
    /// </summary>
    public void Publish(IReadOnlyList<PendingReading> readings, IReadOnlyList<long> sequences)
    {
        var order = new int[readings.Count];
        var count = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            if (sequences[i] != 0)
            {
                order[count++] = i;
            }
        }

        var published = order.AsSpan(0, count);
        published.Sort((a, b) => sequences[a].CompareTo(sequences[b]));
        foreach (var i in published)
        {
            var r = readings[i];
            var key = r.Measurement.PatientId ?? r.Measurement.DeviceId;
            _partitions[PartitionOf(key)].Offer(new StoredReading(sequences[i], r.Measurement, r.Marks));
        }
    }

    // FNV-1a: stable across processes (string.GetHashCode is randomised per process).
    private static int StableHash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
