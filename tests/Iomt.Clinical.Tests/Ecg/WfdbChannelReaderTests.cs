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
    [InlineData(212, 40)]
    [InlineData(311, 41)]
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

    [Fact]
    public void Without_a_sample_count_the_record_ends_with_its_shortest_file_and_says_so_and_a_file_cut_short_is_not_checksummed()
    {
        // File a holds 3 samples and its header line carries their right checksum; file b holds 2.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "m");
        File.WriteAllBytes(Path.Combine(dir.Path, "a.dat"), [5, 0, 7, 0, 9, 0]);
        File.WriteAllBytes(Path.Combine(dir.Path, "b.dat"), [1, 0, 2, 0]);
        File.WriteAllText(path + ".hea", "m 2 250 0\na.dat 16 200 16 0 5 21 0 A\nb.dat 16 200 16 0 1 3 0 B\n");

        var located = WfdbRecordReader.Locate(path).Value!;
        var loaded = WfdbRecordReader.Read(path).Value!;
        using var a = new WfdbChannelReader(located, 0);
        var buffer = new int[WfdbFrameReader.BlockFrames];
        while (a.Read(buffer) > 0)
        {
        }

        Assert.Equal(2, located.Length);
        var cut = Assert.Single(located.Warnings);
        Assert.EndsWith("a.dat", cut.File, StringComparison.Ordinal);
        Assert.Contains("holds 3 samples per signal, but the header declares no sample count and another signal file of the record holds only 2: read to 2", cut.Message, StringComparison.Ordinal);
        Assert.Null(located.CutWarning(located.FileOf(1)));
        Assert.Empty(a.Warnings);
        Assert.Equal([cut], loaded.Warnings);
        Assert.Equal([5, 7], loaded.Samples[0]);
    }

    [Fact]
    public void A_record_too_large_to_load_is_refused_before_anything_is_allocated_and_one_without_signals_loads_empty()
    {
        // Two signals of 1.5 billion samples each in format 80: a 3-GB sparse file, 12 GB as integers.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "h");
        using (var file = File.Create(path + ".dat"))
        {
            file.SetLength(3_000_000_000);
        }

        File.WriteAllText(path + ".hea", "h 2 250 1500000000\nh.dat 80 200 8 0\nh.dat 80 200 8 0\n");
        File.WriteAllText(Path.Combine(dir.Path, "z.hea"), "z 0 360 3000000000\n");

        var huge = WfdbRecordReader.Read(path);
        var empty = WfdbRecordReader.Read(Path.Combine(dir.Path, "z"));

        Assert.False(huge.IsSuccess);
        Assert.Contains("record too long to hold in memory (1500000000 samples of each of 2 signals)", huge.Error.Message, StringComparison.Ordinal);
        Assert.True(WfdbRecordReader.Locate(path).IsSuccess);
        Assert.True(empty.IsSuccess, empty.Error?.ToString());
        Assert.Empty(empty.Value.Samples);
    }

    [Fact]
    public void A_file_of_400_000_signals_is_read_in_blocks_whose_size_does_not_overflow()
    {
        // 400 000 × 6 144 frames would overflow a 32-bit count: such a file is read six frames at a time.
        const int signals = 400_000;
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "w");
        var bytes = new byte[signals * 2 * 7];
        bytes[(signals * 2 * 6) + 2] = 3; // frame 6, signal 1
        File.WriteAllBytes(path + ".dat", bytes);
        File.WriteAllText(path + ".hea", $"w {signals} 250 7\n" + string.Concat(Enumerable.Repeat("w.dat 16 200 16 0\n", signals)));
        var record = WfdbRecordReader.Locate(path).Value!;

        var signal = Stream(record, 1);

        Assert.Equal([0, 0, 0, 0, 0, 0, 3], signal);
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
