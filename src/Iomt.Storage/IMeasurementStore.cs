using Iomt.Core.Measurements;

namespace Iomt.Storage;

/// <summary>
/// Durable, de-duplicated storage of readings and dead letters. One implementation per database; every
/// implementation passes the same contract test suite (tests/Iomt.Storage.Tests).
/// </summary>
public interface IMeasurementStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Kind { get; }

    /// <summary>Creates or upgrades the schema by applying the numbered SQL scripts not yet applied.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="readings"/> and <paramref name="deadLetters"/> in ONE transaction. A reading whose
    /// (device id, message id) is already stored, or appears earlier in the same batch, is a duplicate and
    /// is not stored again. When the returned task completes the new rows are durable.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken);

    /// <summary>A patient's readings in device-time order, filtered by the query.</summary>
    Task<IReadOnlyList<StoredReading>> GetPatientReadingsAsync(string patientId, ReadingQuery query, CancellationToken cancellationToken);

    /// <summary>Committed readings with sequence greater than <paramref name="afterSequence"/>, in sequence order (the committed feed's replay source).</summary>
    Task<IReadOnlyList<StoredReading>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The highest committed sequence number, 0 when empty.</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Looks up stored readings by their idempotency keys (used by tests and the crash check).</summary>
    Task<IReadOnlyList<StoredReading>> FindByMessageIdsAsync(string deviceId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>Counts of stored readings and dead letters.</summary>
    Task<StoreCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>Dead letters newest first.</summary>
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken);

    /// <summary>True when the database answers.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

/// <summary>A validated reading waiting to be stored, with the flags ingestion decided.</summary>
public sealed record PendingReading(Measurement Measurement, ReadingMarks Marks = ReadingMarks.None);

/// <summary>A stored reading with the sequence number the store assigned at commit.</summary>
public sealed record StoredReading(long Sequence, Measurement Measurement, ReadingMarks Marks);

/// <summary>Per-input outcome of <see cref="IMeasurementStore.AppendAsync"/>: the sequence assigned, or 0 for a duplicate.</summary>
public sealed record AppendResult(IReadOnlyList<long> Sequences)
{
    /// <summary>How many readings were new.</summary>
    public int Accepted => Sequences.Count(s => s > 0);

    /// <summary>How many readings were duplicates.</summary>
    public int Duplicates => Sequences.Count(s => s == 0);
}

/// <summary>Filters for a patient's readings.</summary>
public sealed record ReadingQuery(ObservationCode? Code = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 100_000);

/// <summary>Filters for dead letters.</summary>
public sealed record DeadLetterQuery(string? DeviceId = null, int Limit = 1000);

/// <summary>Row counts.</summary>
public sealed record StoreCounts(long Readings, long DeadLetters);

/// <summary>Flags stored with a reading.</summary>
[Flags]
public enum ReadingMarks
{
    /// <summary>Nothing notable.</summary>
    None = 0,

    /// <summary>The device had no patient binding at the reading's time: stored, flagged for follow-up.</summary>
    Unbound = 1,

    /// <summary>Inside the plausible range but where the method is inaccurate (e.g. SpO2 50–69 %).</summary>
    LowAccuracy = 2,

    /// <summary>Computed by the platform from a stored waveform (e.g. an RR interval between two detected beats), not sent by the device.</summary>
    Derived = 4,
}
