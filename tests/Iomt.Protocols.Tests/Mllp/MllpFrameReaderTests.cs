using System.Buffers;
using System.Text;
using Iomt.Protocols.Mllp;

namespace Iomt.Protocols.Tests.Mllp;

public class MllpFrameReaderTests
{
    private static byte[] Framed(params string[] messages) => [.. messages.SelectMany(MllpFrameWriter.Frame)];

    private static string[] Decode(MllpStreamDecoder d) => [.. d.Frames.Select(f => Encoding.UTF8.GetString(f))];

    [Fact]
    public void Reads_one_frame_and_consumes_the_trailer()
    {
        var buffer = new ReadOnlySequence<byte>(Framed("MSH|a\r"));
        var status = MllpFrameReader.TryRead(buffer, 1024, out var payload, out var consumed, out var examined, out var discarded);
        Assert.Equal(MllpReadStatus.Frame, status);
        Assert.Equal("MSH|a\r", Encoding.UTF8.GetString(payload.ToArray()));
        Assert.Equal(buffer.End, consumed);
        Assert.Equal(buffer.End, examined);
        Assert.Equal(0, discarded);
    }

    [Fact]
    public void Reports_incomplete_and_keeps_the_start_block_until_the_end_arrives()
    {
        var bytes = Framed("MSH|abc\r");
        var buffer = new ReadOnlySequence<byte>(bytes[..5]);
        var status = MllpFrameReader.TryRead(buffer, 1024, out _, out var consumed, out var examined, out _);
        Assert.Equal(MllpReadStatus.Incomplete, status);
        Assert.Equal(buffer.Start, consumed);
        Assert.Equal(buffer.End, examined);
    }

    [Fact]
    public void Reads_many_frames_from_one_buffer_in_order()
    {
        var d = new MllpStreamDecoder();
        d.Feed(Framed("one", "two", "three"));
        Assert.Equal(["one", "two", "three"], Decode(d));
    }

    [Fact]
    public void Reassembles_frames_fed_byte_by_byte()
    {
        var d = new MllpStreamDecoder();
        foreach (var b in Framed("MSH|first\r", "MSH|second\r"))
        {
            d.Feed([b]);
        }

        Assert.Equal(["MSH|first\r", "MSH|second\r"], Decode(d));
        Assert.Equal(0, d.Discarded);
    }

    [Fact]
    public void Reassembles_frames_split_at_random_points_across_multi_segment_sequences()
    {
        var random = new Random(42);
        var messages = Enumerable.Range(0, 20).Select(i => $"MSH|^~\\&|{i}|{new string('x', random.Next(0, 300))}\r").ToArray();
        var bytes = Framed(messages);
        for (var trial = 0; trial < 200; trial++)
        {
            var chunks = new List<byte[]>();
            for (var pos = 0; pos < bytes.Length;)
            {
                var n = Math.Min(random.Next(1, 64), bytes.Length - pos);
                chunks.Add(bytes[pos..(pos + n)]);
                pos += n;
            }

            var sequence = ChunkedSequence.Create(chunks);
            var found = new List<string>();
            while (MllpFrameReader.TryRead(sequence, 4096, out var payload, out var consumed, out _, out _) == MllpReadStatus.Frame)
            {
                found.Add(Encoding.UTF8.GetString(payload.ToArray()));
                sequence = sequence.Slice(consumed);
            }

            Assert.Equal(messages, found);
        }
    }

    [Fact]
    public void Skips_noise_before_a_start_block()
    {
        var d = new MllpStreamDecoder();
        d.Feed([.. "garbage\r\n"u8, .. Framed("MSH|x\r"), (byte)'z', .. Framed("MSH|y\r")]);
        Assert.Equal(["MSH|x\r", "MSH|y\r"], Decode(d));
        Assert.Equal(8, d.Discarded);
    }

    [Fact]
    public void A_new_start_block_abandons_an_unterminated_frame()
    {
        var d = new MllpStreamDecoder();
        d.Feed([0x0B, .. "MSH|cut"u8, .. Framed("MSH|whole\r")]);
        Assert.Equal(["MSH|whole\r"], Decode(d));
        Assert.Equal(8, d.Discarded);
    }

    [Fact]
    public void Accepts_an_end_block_whose_CR_arrives_later_or_never()
    {
        var d = new MllpStreamDecoder();
        d.Feed([0x0B, .. "MSH|a"u8, 0x1C]);
        Assert.Equal(["MSH|a"], Decode(d));
        d.Feed([0x0D, 0x0B, .. "MSH|b"u8, 0x1C, 0x0B, .. "MSH|c"u8, 0x1C, 0x0D]);
        Assert.Equal(["MSH|a", "MSH|b", "MSH|c"], Decode(d));
    }

    [Fact]
    public void Rejects_a_frame_larger_than_the_maximum_even_before_its_end()
    {
        var d = new MllpStreamDecoder(maxFrameSize: 100);
        d.Feed([0x0B, .. new byte[101]]);
        Assert.True(d.TooLarge);

        var complete = new ReadOnlySequence<byte>(Framed(new string('a', 101)));
        Assert.Equal(MllpReadStatus.FrameTooLarge, MllpFrameReader.TryRead(complete, 100, out _, out _, out _, out _));
        var exact = new ReadOnlySequence<byte>(Framed(new string('a', 100)));
        Assert.Equal(MllpReadStatus.Frame, MllpFrameReader.TryRead(exact, 100, out _, out _, out _, out _));
    }

    [Fact]
    public void An_empty_frame_is_a_frame_with_an_empty_payload()
    {
        var d = new MllpStreamDecoder();
        d.Feed([0x0B, 0x1C, 0x0D]);
        Assert.Equal([""], Decode(d));
    }
}
