using System.Collections.Concurrent;
using Iomt.Server.Ingestion;

namespace Iomt.Server.Tests.Transports.Gatt;

/// <summary>An in-memory ingestor: dead-letters decode failures, de-duplicates by (device, message id), records everything.</summary>
internal sealed class RecordingIngestor : IReadingIngestor
{
    private readonly ConcurrentDictionary<(string, string), bool> _stored = new();

    public List<(string Source, IncomingReading Item)> Received { get; } = [];

    public List<IncomingReading> DeadLetters { get; } = [];

    public Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken)
    {
        var results = new List<ItemResult>();
        lock (Received)
        {
            foreach (var item in items)
            {
                Received.Add((source, item));
                if (item.DecodeError is { } e)
                {
                    DeadLetters.Add(item);
                    results.Add(new ItemResult(ItemOutcome.Rejected, Field: e.Field, Reason: e.Reason));
                }
                else if (_stored.TryAdd((item.DeviceId!, item.MessageId!), true))
                {
                    results.Add(new ItemResult(ItemOutcome.Accepted, _stored.Count));
                }
                else
                {
                    results.Add(new ItemResult(ItemOutcome.Duplicate));
                }
            }
        }

        return Task.FromResult(new IngestionOutcome(results));
    }
}
