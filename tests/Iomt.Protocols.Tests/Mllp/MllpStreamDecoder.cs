using System.Buffers;
using Iomt.Protocols.Mllp;

namespace Iomt.Protocols.Tests.Mllp;

/// <summary>
/// Drives <see cref="MllpFrameReader"/> the way a pipe reader does: bytes arrive in pieces, the unconsumed tail
/// is kept, and the reader is only called again once bytes beyond "examined" have arrived.
/// </summary>
public sealed class MllpStreamDecoder(int maxFrameSize = MllpFrameReader.DefaultMaxFrameSize)
{
    private byte[] _pending = [];
    private long _examinedOffset = -1;

    /// <summary>Frames decoded so far.</summary>
    public List<byte[]> Frames { get; } = [];

    /// <summary>Bytes discarded so far.</summary>
    public long Discarded { get; private set; }

    /// <summary>True once a frame exceeded the maximum size.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>Feeds one piece.</summary>
    public void Feed(ReadOnlySpan<byte> piece)
    {
        _pending = [.. _pending, .. piece];
        while (!TooLarge && _pending.Length > _examinedOffset)
        {
            var buffer = new ReadOnlySequence<byte>(_pending);
            var status = MllpFrameReader.TryRead(buffer, maxFrameSize, out var payload, out var consumed, out var examined, out var discarded);
            Discarded += discarded;
            var consumedOffset = buffer.Slice(0, consumed).Length;
            var examinedOffset = buffer.Slice(0, examined).Length;
            if (examinedOffset < consumedOffset)
            {
                throw new InvalidOperationException("examined before consumed");
            }

            if (status == MllpReadStatus.Frame)
            {
                Frames.Add(payload.ToArray());
            }

            TooLarge = status == MllpReadStatus.FrameTooLarge;
            _pending = _pending[(int)consumedOffset..];
            _examinedOffset = status == MllpReadStatus.Frame ? -1 : examinedOffset - consumedOffset;
        }
    }
}
