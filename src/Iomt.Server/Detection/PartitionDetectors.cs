using Iomt.Core.Measurements;
using Iomt.Storage;

namespace Iomt.Server.Detection;

/// <summary>
/// The detector state of one feed partition: one <see cref="IStreamDetector"/> per analysed stream, created on the
/// stream's first reading and warmed up from the store with the stream's recent history, so that a restart (or an
/// evicted stream coming back) continues where it was instead of starting cold. Events raised while warming up are
/// dropped: those readings were processed before the checkpoint, and their events are already stored.
/// Single-threaded: only the partition's consumer calls it.
/// </summary>
internal sealed class PartitionDetectors(IMeasurementStore store, TimeSpan idleEviction)
{
    private readonly Dictionary<StreamKey, Entry> _streams = [];
    private readonly List<DetectionEvent> _discarded = [];

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
            await WarmUpAsync(key, entry.Detector, reading, cancellationToken);
            _streams.Add(key, entry);
        }

        entry.LastActivity = now;
        entry.Detector.Process(reading, events);
    }

    /// <summary>Runs the clock-driven checks of every stream and drops streams idle for longer than the eviction time.</summary>
    public void CheckClock(DateTimeOffset now, List<DetectionEvent> events)
    {
        List<StreamKey>? idle = null;
        foreach (var (key, entry) in _streams)
        {
            entry.Detector.CheckClock(now, events);
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

    private async Task WarmUpAsync(StreamKey key, IStreamDetector detector, StoredReading first, CancellationToken cancellationToken)
    {
        var time = first.Measurement.DeviceTime;
        var history = await store.GetPatientReadingsAsync(key.PatientId, new ReadingQuery(key.Code, time - detector.WarmUp, time), cancellationToken);
        foreach (var earlier in history)
        {
            if (earlier.Sequence < first.Sequence && earlier.Measurement.DeviceId == key.DeviceId && IsAnalysed(earlier))
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
