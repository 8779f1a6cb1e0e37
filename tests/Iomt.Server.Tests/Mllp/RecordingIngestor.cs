using System.Collections.Concurrent;
using Iomt.Server.Ingestion;

namespace Iomt.Server.Tests.Mllp;

/// <summary>
/// An in-test ingestor: stores decoded readings once per (device, message id), keeps failed items as dead
/// letters, and can be held (to prove the ACK waits) or made to fail.
/// </summary>
public sealed class RecordingIngestor : IReadingIngestor
{
    private readonly ConcurrentDictionary<(string, string), IncomingReading> _stored = new();
    private readonly object _gate = new();

    /// <summary>Stored readings in arrival order.</summary>
    public ConcurrentQueue<IncomingReading> Stored { get; } = new();

    /// <summary>Dead letters in arrival order.</summary>
    public ConcurrentQueue<IncomingReading> DeadLetters { get; } = new();

    /// <summary>Number of duplicates acknowledged again.</summary>
    public int Duplicates => _duplicates;

    private int _duplicates;

    /// <summary>When set, the next call waits for this task and signals <see cref="Entered"/> first.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when a held call has started.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A stand-in for the catalogue check: returns (field, reason) to reject a decoded reading.</summary>
    public Func<Iomt.Core.Measurements.Measurement, (string Field, string Reason)?>? Validate { get; set; }

    /// <summary>When set, the next call throws this.</summary>
    public Exception? FailNext { get; set; }

    /// <inheritdoc />
    public async Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken)
    {
        Assert.Equal("hl7", source);
        TaskCompletionSource? hold;
        Exception? fail;
        lock (_gate)
        {
            (hold, Hold) = (Hold, null);
            (fail, FailNext) = (FailNext, null);
        }

        if (hold is not null)
        {
            Entered.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (fail is not null)
        {
            throw fail;
        }

        var results = new List<ItemResult>(items.Count);
        foreach (var item in items)
        {
            if (item.Measurement is not { } m)
            {
                DeadLetters.Enqueue(item);
                results.Add(new ItemResult(ItemOutcome.Rejected, 0, item.DecodeError!.Field, item.DecodeError.Reason));
            }
            else if (Validate?.Invoke(m) is { } rejection)
            {
                DeadLetters.Enqueue(item);
                results.Add(new ItemResult(ItemOutcome.Rejected, 0, rejection.Field, rejection.Reason));
            }
            else if (_stored.TryAdd((m.DeviceId, m.MessageId), item))
            {
                Stored.Enqueue(item);
                results.Add(new ItemResult(ItemOutcome.Accepted, Stored.Count));
            }
            else
            {
                Interlocked.Increment(ref _duplicates);
                results.Add(new ItemResult(ItemOutcome.Duplicate));
            }
        }

        return new IngestionOutcome(results);
    }
}
