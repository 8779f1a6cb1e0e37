using System.Collections.Concurrent;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Server.Ingestion;

namespace Iomt.Server.Tests;

/// <summary>
/// The in-test <see cref="IReadingIngestor"/> shared by the transport tests: records every item with its source,
/// keeps decode failures (and readings <see cref="Validate"/> rejects) as dead letters, stores each
/// (device, message id) once, and can be held (to prove an acknowledgement waits) or made to fail.
/// </summary>
public sealed class RecordingIngestor(string? expectedSource = null) : IReadingIngestor
{
    private readonly ConcurrentDictionary<(string, string), bool> _keys = new();
    private readonly Lock _gate = new();
    private int _duplicates;
    private long _sequence;

    /// <summary>Every item with the source it came from, in arrival order.</summary>
    public ConcurrentQueue<(string Source, IncomingReading Item)> Received { get; } = new();

    /// <summary>Stored readings in arrival order.</summary>
    public ConcurrentQueue<IncomingReading> Stored { get; } = new();

    /// <summary>Dead letters in arrival order.</summary>
    public ConcurrentQueue<IncomingReading> DeadLetters { get; } = new();

    /// <summary>Number of duplicates acknowledged again.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Stand-in for the catalogue check; null accepts every decoded reading.</summary>
    public Func<Measurement, ValidationError?>? Validate { get; set; }

    /// <summary>When set, the next call waits for this task and signals <see cref="Entered"/> first.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when a held call has started.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, the next call throws this.</summary>
    public Exception? FailNext { get; set; }

    /// <summary>An ingestor that validates against the default catalogue, like the real pipeline.</summary>
    public static RecordingIngestor WithCatalogue() => new() { Validate = m => MeasurementValidator.Default.Validate(m, out _) };

    /// <inheritdoc />
    public async Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken)
    {
        if (expectedSource is not null)
        {
            Assert.Equal(expectedSource, source);
        }

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
            Received.Enqueue((source, item));
            var error = item.Measurement is { } m ? Validate?.Invoke(m) : item.DecodeError;
            if (item.Measurement is null || error is not null)
            {
                DeadLetters.Enqueue(item);
                results.Add(new ItemResult(ItemOutcome.Rejected, 0, error?.Field, error?.Reason));
            }
            else if (_keys.TryAdd((item.Measurement.DeviceId, item.Measurement.MessageId), true))
            {
                Stored.Enqueue(item);
                results.Add(new ItemResult(ItemOutcome.Accepted, Interlocked.Increment(ref _sequence)));
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
