using System.Threading.Channels;
using Iomt.Storage;

namespace Iomt.Server.Feed;

/// <summary>One ordered, bounded partition of the committed feed.</summary>
public sealed class FeedPartition(int index, int capacity)
{
    private readonly Channel<StoredReading> _channel = Channel.CreateBounded<StoredReading>(new BoundedChannelOptions(capacity)
    {
        SingleWriter = true,
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private int _overflowed;

    /// <summary>The partition number.</summary>
    public int Index { get; } = index;

    /// <summary>Readings waiting for the consumer.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>True when readings were not queued because the partition was full; the consumer must replay from the store.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>The consumer's reader.</summary>
    public ChannelReader<StoredReading> Reader => _channel.Reader;

    /// <summary>Clears the overflow mark once the consumer has caught up from the store.</summary>
    public void ClearOverflow() => Volatile.Write(ref _overflowed, 0);

    internal void Offer(StoredReading reading)
    {
        if (!_channel.Writer.TryWrite(reading))
        {
            Volatile.Write(ref _overflowed, 1);
        }
    }
}
