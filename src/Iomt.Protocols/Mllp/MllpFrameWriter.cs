using System.Buffers;
using System.Text;

namespace Iomt.Protocols.Mllp;

/// <summary>Writes MLLP frames: <c>0x0B</c> payload <c>0x1C 0x0D</c>.</summary>
public static class MllpFrameWriter
{
    /// <summary>Writes one framed payload.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(payload.Length + 3);
        span[0] = MllpFrameReader.StartBlock;
        payload.CopyTo(span[1..]);
        span[payload.Length + 1] = MllpFrameReader.EndBlock;
        span[payload.Length + 2] = MllpFrameReader.CarriageReturn;
        output.Advance(payload.Length + 3);
    }

    /// <summary>Writes one framed message as UTF-8.</summary>
    public static void Write(IBufferWriter<byte> output, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        var count = Encoding.UTF8.GetByteCount(message);
        var span = output.GetSpan(count + 3);
        span[0] = MllpFrameReader.StartBlock;
        Encoding.UTF8.GetBytes(message, span.Slice(1, count));
        span[count + 1] = MllpFrameReader.EndBlock;
        span[count + 2] = MllpFrameReader.CarriageReturn;
        output.Advance(count + 3);
    }

    /// <summary>A framed copy of a message as UTF-8.</summary>
    public static byte[] Frame(string message)
    {
        var writer = new ArrayBufferWriter<byte>();
        Write(writer, message);
        return writer.WrittenSpan.ToArray();
    }
}
