namespace Iomt.Server.Feed;

/// <summary>Shape of the committed feed (configuration section "Feed").</summary>
public sealed class FeedOptions
{
    /// <summary>Number of patient partitions.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>Readings each partition holds before it overflows to store replay.</summary>
    public int PartitionCapacity { get; set; } = 4096;
}
