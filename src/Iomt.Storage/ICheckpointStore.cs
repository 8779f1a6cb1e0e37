namespace Iomt.Storage;

/// <summary>Where each consumer of the committed feed records the last sequence it fully processed.</summary>
public interface ICheckpointStore
{
    /// <summary>The consumer's checkpoint, 0 when it never ran.</summary>
    Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken);

    /// <summary>Records the consumer's checkpoint.</summary>
    Task SetCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken);
}
