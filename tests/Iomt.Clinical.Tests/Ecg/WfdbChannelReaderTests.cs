using Iomt.Clinical.Ecg.Wfdb;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

/// <summary>
/// Reading a record a block at a time must give what decoding its whole file at once gives: blocks that end inside a
/// packed group (212 pairs, 310 and 311 triples) would shift every later sample.
/// </summary>
public sealed class WfdbChannelReaderTests
{
    // Two whole blocks and five frames more: the last block is partial and, for some signal counts, ends in half a group.
    private const int Frames = (2 * WfdbFrameReader.BlockFrames) + 5;

    [Theory]
    [InlineData(212, 3)]
    [InlineData(212, 1)]
    [InlineData(310, 2)]
    [InlineData(311, 2)]
    [InlineData(311, 5)]
    [InlineData(16, 3)]
    [InlineData(24, 2)]
    [InlineData(80, 1)]
    public void Each_signal_streamed_and_loaded_is_the_whole_file_decoded_at_once(int format, int signals)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "r");
        var bytes = new byte[WfdbSignalDecoder.BytesFor(format, (long)Frames * signals)];
        new Random(format + signals).NextBytes(bytes);
        var whole = new int[Frames * signals];
        WfdbSignalDecoder.Decode(format, bytes, whole);
        File.WriteAllBytes(path + ".dat", [.. new byte[7], .. bytes]);
        var lines = Enumerable.Range(0, signals).Select(s => $"r.dat {format}+7 200 12 0 0 0 0 S{s}");
        File.WriteAllText(path + ".hea", $"r {signals} 250 {Frames}\n{string.Join('\n', lines)}\n");

        var located = WfdbRecordReader.Locate(path);
        var loaded = WfdbRecordReader.Read(path);

        Assert.True(located.IsSuccess, located.Error?.ToString());
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        for (var s = 0; s < signals; s++)
        {
            var expected = Enumerable.Range(0, Frames).Select(f => whole[(f * signals) + s]).ToArray();
            Assert.Equal(expected, Stream(located.Value, s));
            Assert.Equal(expected, loaded.Value.Samples[s]);
        }
    }

    [Fact]
    public void The_streamed_signal_is_checked_against_the_header_once_it_has_been_read()
    {
        // Signal A's initial value and checksum are right, B's checksum is wrong; both spread over three blocks.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "c");
        var samples = Enumerable.Range(0, Frames * 2).Select(i => (short)((i * 37 % 2001) - 1000)).ToArray();
        File.WriteAllBytes(path + ".dat", [.. samples.SelectMany(v => BitConverter.GetBytes(v))]);
        var sumA = (short)Enumerable.Range(0, Frames).Sum(f => samples[2 * f]);
        File.WriteAllText(path + ".hea", $"c 2 250 {Frames}\nc.dat 16 200 16 0 {samples[0]} {sumA} 0 A\nc.dat 16 200 16 0 {samples[1]} 1 0 B\n");
        var record = WfdbRecordReader.Locate(path).Value!;

        using var a = new WfdbChannelReader(record, 0);
        using var b = new WfdbChannelReader(record, 1);
        var buffer = new int[WfdbFrameReader.BlockFrames];
        b.Read(buffer);
        var beforeTheEnd = b.Warnings.Count;
        while (a.Read(buffer) > 0 | b.Read(buffer) > 0)
        {
        }

        Assert.Empty(a.Warnings);
        Assert.Equal(0, beforeTheEnd);
        var warning = Assert.Single(b.Warnings);
        Assert.Equal("signal 1 checksum", warning.Field);
        Assert.Equal(WfdbRecordReader.Read(path).Value!.Warnings, b.Warnings);
    }

    [Fact]
    public void A_file_that_shrinks_after_the_record_was_checked_ends_the_stream_with_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s");
        File.WriteAllBytes(path + ".dat", new byte[Frames * 2]);
        File.WriteAllText(path + ".hea", $"s 1 250 {Frames}\ns.dat 16 200 16 0\n");
        var record = WfdbRecordReader.Locate(path).Value!;
        using var reader = new WfdbChannelReader(record, 0);
        var buffer = new int[WfdbFrameReader.BlockFrames];
        Assert.Equal(WfdbFrameReader.BlockFrames, reader.Read(buffer));

        using (var file = new FileStream(path + ".dat", FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(WfdbFrameReader.BlockFrames * 3);
        }

        var error = Assert.Throws<EndOfStreamException>(() => reader.Read(buffer));
        Assert.Contains("s.dat: byte 18432: the file ended", error.Message, StringComparison.Ordinal);
    }

    private static int[] Stream(WfdbRecordFiles record, int channel)
    {
        using var reader = new WfdbChannelReader(record, channel);
        var all = new List<int>();
        var buffer = new int[WfdbFrameReader.BlockFrames];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n));
        }

        return [.. all];
    }
}
