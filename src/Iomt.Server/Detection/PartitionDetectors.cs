using Iomt.Core.Measurements;
using Iomt.Storage;

namespace Iomt.Server.Detection;

/// <summary>
/// The detector state of one feed partition: one <see cref="IStreamDetector"/> per analysed stream, created on the
/// stream's first reading and warmed up from the store with the stream's recent history, so that a restart (or an
/// evicted stream coming back) continues where it was instead of starting cold. Events raised while warming up are
/// dropped: those readings were processed before the checkpoint, and their events are already stored.
/// The streams that processed readings are reported with each checkpoint (<see cref="TouchedStreams"/>), and at a
/// start the streams followed before are resumed (<see cref="ResumeAsync"/>) even if they never send again: a CGM
/// that stopped while the server was down still raises <c>stale</c>.
/// Single-threaded: only the partition's consumer calls it.
/// </summary>
internal sealed class PartitionDetectors(IMeasurementStore store, TimeSpan idleEviction)
{
    private readonly Dictionary<StreamKey, Entry> _streams = [];
    private readonly List<DetectionEvent> _discarded = [];
    private readonly Dictionary<StreamKey, DateTimeOffset> _touched = [];

    /// <summary>Consumes one committed reading; adds the events it raises. Readings no detector consumes are ignored.</summary>
    public async Task ProcessAsync(StoredReading reading, DateTimeOffset now, List<DetectionEvent> events, CancellationToken cancellationToken)
    {
        var m = reading.Measurement;
        if (!IsAnalysed(reading))
        {
            return;
        }

        var key = new StreamKey(m.PatientId!, m.DeviceId, m.Code);
        if (!_streams.TryGetValue(key, out var entry))
        {
            entry = new Entry(StreamDetectors.Create(key));
            await WarmUpAsync(key, entry.Detector, m.DeviceTime, reading.Sequence, cancellationToken);
            _streams.Add(key, entry);
        }

        entry.LastActivity = now;
        entry.Detector.Process(reading, events);
        if (!_touched.TryGetValue(key, out var last) || m.DeviceTime > last)
        {
            _touched[key] = m.DeviceTime;
        }
    }

    /// <summary>
    /// At a start, rebuilds the streams of <paramref name="heads"/> (saved with earlier checkpoints) from their history
    /// up to <paramref name="checkpoint"/>, so that their clock-driven checks run although no new reading arrives.
    /// </summary>
    public async Task ResumeAsync(IReadOnlyList<DetectionStreamHead> heads, long checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var head in heads)
        {
            var key = new StreamKey(head.PatientId, head.DeviceId, head.Code);
            if (!StreamDetectors.IsAnalysed(key.Code) || _streams.ContainsKey(key))
            {
                continue;
            }

            var entry = new Entry(StreamDetectors.Create(key)) { LastActivity = now };
            await WarmUpAsync(key, entry.Detector, head.LastTime, checkpoint + 1, cancellationToken);
            _streams.Add(key, entry);
        }
    }

    /// <summary>The heads of the streams that processed readings since <see cref="ClearTouched"/>.</summary>
    public IReadOnlyList<DetectionStreamHead> TouchedStreams() =>
        [.. _touched.Select(t => new DetectionStreamHead(t.Key.PatientId, t.Key.DeviceId, t.Key.Code, t.Value))];

    /// <summary>Forgets the touched streams once their heads are saved.</summary>
    public void ClearTouched() => _touched.Clear();

    /// <summary>Runs the clock-driven checks of every stream and drops streams idle for longer than the eviction time.</summary>
    public void CheckClock(DateTimeOffset now, List<DetectionEvent> events)
    {
        List<StreamKey>? idle = null;
        foreach (var (key, entry) in _streams)
        {
            entry.Detector.CheckClock(now, now - entry.LastActivity, events);
            if (now - entry.LastActivity > idleEviction)
            {
                (idle ??= []).Add(key);
            }
        }

        foreach (var key in idle ?? [])
        {
            _streams.Remove(key);
        }
    }

    // Replays the stream's readings from `until` - WarmUp to `until` that were committed before `beforeSequence`.
    private async Task WarmUpAsync(StreamKey key, IStreamDetector detector, DateTimeOffset until, long beforeSequence, CancellationToken cancellationToken)
    {
        var history = await store.GetPatientReadingsAsync(key.PatientId, new ReadingQuery(key.Code, until - detector.WarmUp, until), cancellationToken);
        foreach (var earlier in history)
        {
            if (earlier.Sequence < beforeSequence && earlier.Measurement.DeviceId == key.DeviceId && IsAnalysed(earlier))
            {
                detector.Process(earlier, _discarded);
            }
        }

        _discarded.Clear();
    }

    // Readings derived from a waveform are analysed where they were derived (ECG: the ECG-based AF detector, ADR 0006).
    private static bool IsAnalysed(StoredReading reading) =>
        reading.Measurement.PatientId is not null && (reading.Marks & ReadingMarks.Derived) == 0 && StreamDetectors.IsAnalysed(reading.Measurement.Code);

    private sealed class Entry(IStreamDetector detector)
    {
        public IStreamDetector Detector { get; } = detector;

        public DateTimeOffset LastActivity { get; set; }
    }
}
