using Iomt.Storage;

namespace Iomt.Server.Tests.Ingestion;

/// <summary>
/// Wraps a real store and holds each append until the test opens the gate, counting transactions, so tests
/// can observe what callers see before and after a commit.
/// </summary>
internal sealed class GatedStore(IMeasurementStore inner) : IMeasurementStore
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _appends;

    public int Appends => Volatile.Read(ref _appends);

    public List<int> BatchSizes { get; } = [];

    public Exception? FailNext { get; set; }

    public string Kind => inner.Kind;

    public void Open(int commits = 1) => _gate.Release(commits);

    public async Task<AppendResult> AppendAsync(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _appends);
        lock (BatchSizes)
        {
            BatchSizes.Add(readings.Count);
        }

        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }

        return await inner.AppendAsync(readings, deadLetters, cancellationToken);
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<StoredReading>> GetPatientReadingsAsync(string patientId, ReadingQuery query, CancellationToken cancellationToken) => inner.GetPatientReadingsAsync(patientId, query, cancellationToken);

    public Task<IReadOnlyList<StoredReading>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) => inner.ReadFeedAsync(afterSequence, limit, cancellationToken);

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken) => inner.GetLastSequenceAsync(cancellationToken);

    public Task<IReadOnlyList<StoredReading>> FindByMessageIdsAsync(string deviceId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) => inner.FindByMessageIdsAsync(deviceId, messageIds, cancellationToken);

    public Task<StoreCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken) => inner.GetDeadLettersAsync(query, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return inner.DisposeAsync();
    }
}
