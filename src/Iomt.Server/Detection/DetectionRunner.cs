using Iomt.Server.Feed;
using Iomt.Server.Metrics;
using Iomt.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Detection;

/// <summary>
/// Runs the <c>Iomt.Clinical</c> detectors on the committed feed: one consumer per partition, so each patient's
/// readings are analysed in commit order by one task. A consumer first catches up from the store after its
/// checkpoint (at start, and whenever its partition overflowed), then follows the partition's channel, skipping
/// what it has already processed. The events a batch raised are stored together with the new checkpoint in one
/// transaction (<see cref="IDetectionEventStore"/>), and an event's identity makes a replay harmless: a crash
/// neither loses nor repeats an event. The streams a consumer follows are saved with its checkpoint and resumed at a
/// start, so their clock-driven checks (a CGM gone quiet) survive a restart. On a store failure the consumer drops
/// its in-memory state and starts again from its stored checkpoint.
/// </summary>
public sealed class DetectionRunner(
    CommittedFeed feed,
    IMeasurementStore store,
    IDetectionEventStore events,
    ICheckpointStore checkpoints,
    ServerMetrics metrics,
    IOptions<DetectionOptions> options,
    TimeProvider time,
    ILogger<DetectionRunner> logger) : BackgroundService
{
    private readonly CommittedFeed _feed = feed;
    private readonly IMeasurementStore _store = store;
    private readonly IDetectionEventStore _events = events;
    private readonly ICheckpointStore _checkpoints = checkpoints;
    private readonly ServerMetrics _metrics = metrics;
    private readonly TimeProvider _time = time;
    private readonly ILogger<DetectionRunner> _logger = logger;
    private readonly DetectionOptions _options = options.Value;

    /// <summary>The checkpoint name of a partition's consumer.</summary>
    public static string ConsumerName(int partition) => $"detection-{partition}";

    /// <summary>
    /// Before the first start on a store that already holds readings, sets every partition's checkpoint to the last
    /// committed sequence: detection covers what is committed from then on, not years of history at once.
    /// </summary>
    public static async Task InitializeCheckpointsAsync(IMeasurementStore store, ICheckpointStore checkpoints, int partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var last = await store.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < partitions; i++)
        {
            if (last > 0 && await checkpoints.GetCheckpointAsync(ConsumerName(i), cancellationToken).ConfigureAwait(false) == 0)
            {
                await checkpoints.SetCheckpointAsync(ConsumerName(i), last, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.Enabled
            ? Task.WhenAll(Enumerable.Range(0, _feed.PartitionCount).Select(i => Task.Run(() => SuperviseAsync(i, stoppingToken), stoppingToken)))
            : Task.CompletedTask;

    private async Task SuperviseAsync(int partition, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await new PartitionConsumer(this, partition).RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A consumer must survive any failure of the store; it restarts from its checkpoint.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _metrics.DetectionFailures.Increment();
                _logger.LogError(e, "Detection consumer {Partition} failed; restarting from its checkpoint", partition);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One run of a partition's consumer, from its stored checkpoint until stopped or failed.</summary>
    private sealed class PartitionConsumer(DetectionRunner runner, int index)
    {
        private const int MaxLiveBatch = 1000;
        private readonly FeedPartition _partition = runner._feed.Partition(index);
        private readonly PartitionDetectors _detectors = new(runner._store, runner._options.IdleEviction);
        private readonly List<DetectionEvent> _pending = [];
        private readonly string _consumer = ConsumerName(index);
        private long _done;
        private long _saved;
        private DateTimeOffset _savedAt;
        private DateTimeOffset _clockCheckedAt;

        public async Task RunAsync(CancellationToken stoppingToken)
        {
            _done = _saved = await runner._checkpoints.GetCheckpointAsync(_consumer, stoppingToken).ConfigureAwait(false);
            _savedAt = _clockCheckedAt = runner._time.GetUtcNow();
            // All stored heads: each checkpoint deletes those idle longer than the eviction time, so what is left are the
            // streams followed when the consumer last saved, however long ago that was (a long outage included).
            var heads = await runner._events.GetDetectionStreamsAsync(_consumer, DateTimeOffset.UnixEpoch, stoppingToken).ConfigureAwait(false);
            await _detectors.ResumeAsync(heads, _done, _savedAt, stoppingToken).ConfigureAwait(false);
            while (true)
            {
                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
                await FollowAsync(stoppingToken).ConfigureAwait(false);
            }
        }

        // Clear the overflow mark BEFORE reading the store: a reading dropped after that sets the mark again, and one
        // dropped before it was committed before it, so the store read finds it.
        private async Task CatchUpAsync(CancellationToken stoppingToken)
        {
            _partition.ClearOverflow();
            while (true)
            {
                var page = await runner._store.ReadFeedAsync(_done, runner._options.ReplayPageSize, stoppingToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return;
                }

                var now = runner._time.GetUtcNow();
                var processed = 0;
                foreach (var reading in page)
                {
                    var m = reading.Measurement;
                    if (runner._feed.PartitionOf(m.PatientId ?? m.DeviceId) == index)
                    {
                        await _detectors.ProcessAsync(reading, now, _pending, stoppingToken).ConfigureAwait(false);
                        processed++;
                    }

                    _done = reading.Sequence;
                }

                runner._metrics.DetectionReadings.Add(processed);
                await SaveAsync(stoppingToken).ConfigureAwait(false);
            }
        }

        private async Task FollowAsync(CancellationToken stoppingToken)
        {
            var reader = _partition.Reader;
            while (!_partition.Overflowed)
            {
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    wait.CancelAfter(runner._options.ClockInterval);
                    try
                    {
                        await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // The clock interval passed without readings.
                    }
                }

                var now = runner._time.GetUtcNow();
                var processed = 0;
                for (var n = 0; n < MaxLiveBatch && reader.TryRead(out var reading); n++)
                {
                    // A reading dropped from a full partition marks it before any later reading is written, so once
                    // the mark is seen this reading may follow a gap: leave it to the catch-up from the store.
                    if (_partition.Overflowed)
                    {
                        break;
                    }

                    if (reading.Sequence > _done)
                    {
                        await _detectors.ProcessAsync(reading, now, _pending, stoppingToken).ConfigureAwait(false);
                        _done = reading.Sequence;
                        processed++;
                    }
                }

                runner._metrics.DetectionReadings.Add(processed);
                if (now - _clockCheckedAt >= runner._options.ClockInterval)
                {
                    _detectors.CheckClock(now, _pending);
                    _clockCheckedAt = now;
                }

                await SaveAsync(stoppingToken).ConfigureAwait(false);
            }
        }

        // Events are stored at once (they are alerts); a checkpoint alone at most every CheckpointInterval.
        private async Task SaveAsync(CancellationToken stoppingToken)
        {
            var now = runner._time.GetUtcNow();
            if (_pending.Count == 0 && (_done == _saved || now - _savedAt < runner._options.CheckpointInterval))
            {
                return;
            }

            var checkpoint = new DetectionCheckpoint(_consumer, _done, _detectors.TouchedStreams(), now - runner._options.IdleEviction);
            var added = await runner._events.AppendDetectionEventsAsync(_pending, checkpoint, stoppingToken).ConfigureAwait(false);
            runner._metrics.DetectionEvents.Add(added);
            _pending.Clear();
            _detectors.ClearTouched();
            _saved = _done;
            _savedAt = now;
        }
    }
}
