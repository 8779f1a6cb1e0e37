using Iomt.Storage;

namespace Iomt.Server.Ingestion;

/// <summary>One caller's share of a group commit: its readings, its dead letters, and where to report.</summary>
internal sealed class CommitRequest(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters)
{
    private readonly TaskCompletionSource<IReadOnlyList<long>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PendingReading> Readings { get; } = readings;

    public IReadOnlyList<DeadLetter> DeadLetters { get; } = deadLetters;

    /// <summary>Completes with the sequence per reading (0 = duplicate) once the batch is durable.</summary>
    public Task<IReadOnlyList<long>> Completion => _done.Task;

    public void Complete(IReadOnlyList<long> sequences) => _done.TrySetResult(sequences);

    public void Fail(Exception error) => _done.TrySetException(error);

    public void Cancel() => _done.TrySetCanceled();
}
