using Iomt.Core.Measurements;

namespace Iomt.Storage;

/// <summary>
/// Clinical events raised by the detectors that run on the committed feed (glucose alerts, AF episodes), stored
/// together with the detection consumer's checkpoint so that a restart neither loses nor repeats an event.
/// </summary>
public interface IDetectionEventStore
{
    /// <summary>
    /// Stores <paramref name="events"/> and, when given, the consumer's <paramref name="checkpoint"/> in ONE transaction
    /// (no checkpoint for events raised outside the feed, e.g. by waveform analysis). An event with the same
    /// (patient, device, kind, onset time) as a stored one is not stored again: a consumer replaying readings after a
    /// restart raises the same events with the same keys. Returns how many events were new.
    /// </summary>
    Task<int> AppendDetectionEventsAsync(IReadOnlyList<DetectionEvent> events, DetectionCheckpoint? checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// The streams <paramref name="consumer"/> recorded with its checkpoints whose last reading is at or after
    /// <paramref name="since"/>: what it was following when it stopped.
    /// </summary>
    Task<IReadOnlyList<DetectionStreamHead>> GetDetectionStreamsAsync(string consumer, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>A patient's events in order of the time they were raised, filtered by the query.</summary>
    Task<IReadOnlyList<DetectionEvent>> GetPatientEventsAsync(string patientId, DetectionEventQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// A detection consumer's position, saved with the events it raised up to there: the last sequence it processed, the
/// streams it processed readings of since its previous checkpoint (so that after a restart it follows them again,
/// e.g. to notice that a CGM stopped sending while the server was down), and the time before which it forgets the
/// heads of streams that went quiet.
/// </summary>
/// <param name="Consumer">The consumer's name.</param>
/// <param name="Sequence">The last sequence it fully processed.</param>
/// <param name="Streams">Heads of the streams it processed readings of; a stream's stored head only moves forward.</param>
/// <param name="ForgetBefore">Stored heads whose last reading is before this are deleted.</param>
public sealed record DetectionCheckpoint(string Consumer, long Sequence, IReadOnlyList<DetectionStreamHead> Streams, DateTimeOffset ForgetBefore)
{
    /// <summary>One head per stream, the latest one when the list repeats a stream.</summary>
    public IEnumerable<DetectionStreamHead> LatestPerStream() =>
        Streams.GroupBy(h => (h.PatientId, h.DeviceId, h.Code)).Select(g => g.MaxBy(h => h.LastTime)!);
}

/// <summary>A stream a detection consumer follows and the device time of the last reading it processed of it.</summary>
public sealed record DetectionStreamHead(string PatientId, string DeviceId, ObservationCode Code, DateTimeOffset LastTime);

/// <summary>One event a detector raised.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="DeviceId">The device whose readings raised it.</param>
/// <param name="Kind">What happened, e.g. <c>urgent_low_soon</c>, <c>af_started</c>.</param>
/// <param name="OnsetTime">When the condition began (device time): the reading's time for a threshold alert, the first AF interval for an AF episode.</param>
/// <param name="RaisedTime">When a real-time detector raised it (device time of the reading that completed the decision).</param>
/// <param name="SourceSequence">Sequence of the committed reading that raised it (0 when raised by a clock, e.g. <c>stale</c>).</param>
public sealed record DetectionEvent(string PatientId, string DeviceId, string Kind, DateTimeOffset OnsetTime, DateTimeOffset RaisedTime, long SourceSequence);

/// <summary>Filters for a patient's events (on the raised time, inclusive).</summary>
public sealed record DetectionEventQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? DeviceId = null, int Limit = 10_000);
