using System.Buffers;

namespace Iomt.Protocols.Mllp;

/// <summary>
/// Reads MLLP frames (HL7 v2 Minimal Lower Layer Protocol, HL7 Transport Specification MLLP Release 2 §2):
/// <c>0x0B</c> payload <c>0x1C 0x0D</c>. Pure, in the style of Kestrel's parsers: it reads a
/// <see cref="ReadOnlySequence{T}"/>, reports how far it consumed and examined, and returns
/// <see cref="MllpReadStatus.Incomplete"/> when it needs more bytes, so partial frames across reads work.
/// Bytes before a start block are discarded; a new start block before the end block abandons the partial
/// frame (the sender restarted); the trailing CR is consumed when present and otherwise skipped as a
/// stray byte later.
/// </summary>
public static class MllpFrameReader
{
    /// <summary>Start block, VT.</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block, FS.</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>Trailer after the end block, CR.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>Default maximum payload size (1 MiB): a PCD-01 message is a few kilobytes.</summary>
    public const int DefaultMaxFrameSize = 1 << 20;

    /// <summary>
    /// Tries to read one frame from the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">The unread bytes.</param>
    /// <param name="maxFrameSize">Largest payload accepted, in bytes.</param>
    /// <param name="payload">The frame's payload (a slice of <paramref name="buffer"/>) when a frame was read.</param>
    /// <param name="consumed">How far the caller may release the buffer.</param>
    /// <param name="examined">How far the reader looked (the caller waits for bytes beyond it).</param>
    /// <param name="discarded">Bytes skipped before the frame (noise, or a restarted partial frame).</param>
    public static MllpReadStatus TryRead(in ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> payload,
        out SequencePosition consumed, out SequencePosition examined, out long discarded)
    {
        payload = default;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryAdvanceTo(StartBlock, advancePastDelimiter: true))
        {
            discarded = CountNoise(buffer);
            consumed = examined = buffer.End;
            return MllpReadStatus.Incomplete;
        }

        discarded = CountNoise(buffer.Slice(0, reader.Consumed - 1));
        var frameStart = reader.Position;
        var frameOffset = reader.Consumed;
        ReadOnlySpan<byte> delimiters = [EndBlock, StartBlock];
        while (true)
        {
            if (!reader.TryAdvanceToAny(delimiters, advancePastDelimiter: false))
            {
                consumed = buffer.GetPosition(frameOffset - 1);
                examined = buffer.End;
                return buffer.Length - frameOffset > maxFrameSize ? TooLarge(buffer, out consumed, out examined) : MllpReadStatus.Incomplete;
            }

            reader.TryRead(out var delimiter);
            if (delimiter == StartBlock)
            {
                // The sender began a new frame without ending the last one: drop the partial frame.
                discarded += reader.Consumed - frameOffset;
                frameStart = reader.Position;
                frameOffset = reader.Consumed;
                continue;
            }

            var length = reader.Consumed - 1 - frameOffset;
            if (length > maxFrameSize)
            {
                return TooLarge(buffer, out consumed, out examined);
            }

            payload = buffer.Slice(frameStart, length);
            if (reader.TryPeek(out var next) && next == CarriageReturn)
            {
                reader.Advance(1);
            }

            consumed = examined = reader.Position;
            return MllpReadStatus.Frame;
        }
    }

    /// <summary>Skipped bytes other than CR/LF, which are only line-end leftovers between frames.</summary>
    private static long CountNoise(in ReadOnlySequence<byte> skipped)
    {
        var count = skipped.Length;
        foreach (var memory in skipped)
        {
            count -= CountCrLf(memory.Span);
        }

        return count;
    }

    private static int CountCrLf(ReadOnlySpan<byte> span) => span.Count(CarriageReturn) + span.Count((byte)0x0A);

    private static MllpReadStatus TooLarge(in ReadOnlySequence<byte> buffer, out SequencePosition consumed, out SequencePosition examined)
    {
        consumed = examined = buffer.End;
        return MllpReadStatus.FrameTooLarge;
    }
}
