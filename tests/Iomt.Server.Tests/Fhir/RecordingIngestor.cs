using System.Collections.Concurrent;
using Iomt.Core.Catalogue;
using Iomt.Server.Ingestion;

namespace Iomt.Server.Tests.Fhir;

/// <summary>An in-memory ingestor: validates with the catalogue, de-duplicates by (device, message id), records everything.</summary>
internal sealed class RecordingIngestor : IReadingIngestor
{
    private readonly ConcurrentDictionary<(string, string), bool> _seen = new();
    private long _sequence;

    public ConcurrentQueue<(string Source, IncomingReading Item)> Received { get; } = new();

    public IEnumerable<IncomingReading> DeadLetters => Received.Select(r => r.Item).Where(i => i.Measurement is null);

    public IEnumerable<IncomingReading> Stored => Received.Select(r => r.Item).Where(i => i.Measurement is not null);

    public Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken)
    {
        var results = new List<ItemResult>();
        foreach (var item in items)
        {
            Received.Enqueue((source, item));
            if (item.Measurement is not { } m)
            {
                results.Add(new ItemResult(ItemOutcome.Rejected, Field: item.DecodeError?.Field, Reason: item.DecodeError?.Reason));
            }
            else if (MeasurementValidator.Default.Validate(m, out _) is { } error)
            {
                results.Add(new ItemResult(ItemOutcome.Rejected, Field: error.Field, Reason: error.Reason));
            }
            else if (!_seen.TryAdd((m.DeviceId, m.MessageId), true))
            {
                results.Add(new ItemResult(ItemOutcome.Duplicate));
            }
            else
            {
                results.Add(new ItemResult(ItemOutcome.Accepted, Interlocked.Increment(ref _sequence)));
            }
        }

        return Task.FromResult(new IngestionOutcome(results));
    }
}
