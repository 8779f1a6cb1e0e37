using System.Diagnostics;
using System.Threading.Channels;
using Iomt.Server.Feed;
using Iomt.Server.Metrics;
using Iomt.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Ingestion;

/// <summary>
/// The single writer: gathers the commit requests queued by concurrent callers into one transaction
/// (group commit), completes each caller only after that transaction is durable, then publishes the
/// committed readings to the feed. The bounded queue is the back-pressure: when it is full, callers wait.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<CommitRequest> _queue;
    private readonly IMeasurementStore _store;
    private readonly CommittedFeed _feed;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<GroupCommitter> _logger;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    /// <summary>Starts the writer loop.</summary>
    public GroupCommitter(IMeasurementStore store, CommittedFeed feed, ServerMetrics metrics, IOptions<IngestionOptions> options, TimeProvider time, ILogger<GroupCommitter> logger)
    {
        _store = store;
        _feed = feed;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _options = options.Value;
        _queue = Channel.CreateBounded<CommitRequest>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _metrics.SetQueueDepthSource("commit_queue", () => _queue.Reader.Count);
        _writer = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Queues readings and dead letters for the next commit; completes with the sequences when durable.</summary>
    public async Task<IReadOnlyList<long>> CommitAsync(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        if (readings.Count == 0 && deadLetters.Count == 0)
        {
            return [];
        }

        var request = new CommitRequest(readings, deadLetters);
        await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);

        // Once queued the request will be committed even if this caller goes away; the caller only stops waiting.
        return await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<CommitRequest>();
        var readings = new List<PendingReading>(_options.MaxBatchReadings);
        var deadLetters = new List<DeadLetter>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                await GatherAsync(batch, readings, deadLetters, stopping).ConfigureAwait(false);
                await CommitBatchAsync(batch, readings, deadLetters, stopping).ConfigureAwait(false);
                batch.Clear();
                readings.Clear();
                deadLetters.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: requests still queued are cancelled below; their senders never got an ack.
        }
        finally
        {
            foreach (var pending in batch)
            {
                pending.Cancel();
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Cancel();
            }
        }
    }

    private async Task GatherAsync(List<CommitRequest> batch, List<PendingReading> readings, List<DeadLetter> deadLetters, CancellationToken stopping)
    {
        var lingerUntil = _options.LingerMilliseconds > 0 ? Stopwatch.GetTimestamp() + (long)(_options.LingerMilliseconds * Stopwatch.Frequency / 1000) : 0;
        while (readings.Count < _options.MaxBatchReadings)
        {
            if (!_queue.Reader.TryRead(out var request))
            {
                var remaining = lingerUntil - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    break;
                }

                using var linger = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                linger.CancelAfter(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            batch.Add(request);
            readings.AddRange(request.Readings);
            deadLetters.AddRange(request.DeadLetters);
        }
    }

    private async Task CommitBatchAsync(List<CommitRequest> batch, List<PendingReading> readings, List<DeadLetter> deadLetters, CancellationToken stopping)
    {
        var started = _time.GetTimestamp();
        AppendResult result;
        try
        {
            result = await _store.AppendAsync(readings, deadLetters, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            _logger.LogError(e, "Commit of {Readings} readings failed; {Requests} senders get no acknowledgement", readings.Count, batch.Count);
            _metrics.CommitFailures.Increment();
            foreach (var request in batch)
            {
                request.Fail(e);
            }

            return;
        }

        if (result.Sequences.Count != readings.Count)
        {
            var error = new InvalidOperationException($"store returned {result.Sequences.Count} sequences for {readings.Count} readings");
            _logger.LogError(error, "Store broke the append contract; {Requests} senders get no acknowledgement", batch.Count);
            foreach (var request in batch)
            {
                request.Fail(error);
            }

            return;
        }

        _metrics.CommitLatency.Observe(_time.GetElapsedTime(started).TotalSeconds);
        _metrics.CommitBatchSize.Observe(readings.Count);
        var offset = 0;
        foreach (var request in batch)
        {
            var count = request.Readings.Count;
            var slice = new long[count];
            for (var i = 0; i < count; i++)
            {
                slice[i] = result.Sequences[offset + i];
            }

            offset += count;
            request.Complete(slice);
        }

        try
        {
            _feed.Publish(readings, result.Sequences);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The readings are durable and acknowledged; feed consumers catch up from the store by sequence.
            _logger.LogError(e, "Publishing {Readings} committed readings to the feed failed", readings.Count);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                // Wait for the commit in flight so the store is not disposed under it.
                await _writer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // expected: cancelled by shutdown
            }
        }

        _stopping.Dispose();
    }
}
