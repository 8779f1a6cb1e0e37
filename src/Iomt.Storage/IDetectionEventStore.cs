namespace Iomt.Storage;

/// <summary>
/// Clinical events raised by the detectors that run on the committed feed (glucose alerts, AF episodes), stored
/// together with the detection consumer's checkpoint so that a restart neither loses nor repeats an event.
/// </summary>
public interface IDetectionEventStore
{
    /// <summary>
    /// Stores <paramref name="events"/> and sets <paramref name="consumer"/>'s checkpoint to <paramref name="checkpoint"/>
    /// in ONE transaction (no checkpoint when <paramref name="consumer"/> is null: events raised outside the feed,
    /// e.g. by waveform analysis). An event with the same (patient, device, kind, onset time) as a stored one is not stored
    /// again: a consumer replaying readings after a restart raises the same events with the same keys.
    /// Returns how many events were new.
    /// </summary>
    Task<int> AppendDetectionEventsAsync(string? consumer, IReadOnlyList<DetectionEvent> events, long checkpoint, CancellationToken cancellationToken);

    /// <summary>A patient's events in order of the time they were raised, filtered by the query.</summary>
    Task<IReadOnlyList<DetectionEvent>> GetPatientEventsAsync(string patientId, DetectionEventQuery query, CancellationToken cancellationToken);
}

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
