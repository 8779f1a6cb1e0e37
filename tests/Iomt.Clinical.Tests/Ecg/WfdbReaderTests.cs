using Iomt.Clinical.Ecg.Wfdb;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

public sealed class WfdbReaderTests
{
    [Fact]
    public void Reads_mitdb_record_100_with_its_header_values_and_checksums()
    {
        var result = WfdbRecordReader.Read(Record("100"));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var record = result.Value;
        Assert.Equal(360, record.Header.SamplingFrequency);
        Assert.Equal(650000, record.Length);
        Assert.Equal(["MLII", "V5"], record.Header.Signals.Select(s => s.Description));
        Assert.Equal(212, record.Header.Signals[0].Format);
        Assert.Equal(200, record.Header.Signals[0].Gain);
        Assert.Equal(1024, record.Header.Signals[0].AdcZero);
        Assert.Equal(995, record.Samples[0][0]);
        Assert.Equal(1011, record.Samples[1][0]);
        Assert.Equal((995 - 1024) / 200f, record.ToPhysical(0)[0], 5);
        Assert.Empty(record.Warnings); // both initial values and checksums agree with the header
    }

    [Theory]
    [InlineData("100", 2273)]
    [InlineData("101", 1865)]
    [InlineData("203", 2980)]
    [InlineData("222", 2483)]
    public void Counts_the_beat_annotations_of_mitdb_records(string name, int beats)
    {
        var result = MitAnnotationReader.Read(Record(name) + ".atr");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(beats, result.Value.Count(a => a.IsBeat));
    }

    [Fact]
    public void Reads_rhythm_strings_from_aux_fields()
    {
        var annotations = MitAnnotationReader.Read(Record("202") + ".atr").Value!;

        var rhythms = annotations.Where(a => a.Code == MitAnnotationCodes.Rhythm).Select(a => a.Aux).Distinct().ToList();
        Assert.Contains("(AFIB", rhythms);
        Assert.Contains("(AFL", rhythms);
        Assert.Contains("(N", rhythms);
        var record100 = MitAnnotationReader.Read(Record("100") + ".atr").Value!;
        Assert.Equal(33, record100.Count(a => a.Mnemonic == "A"));
    }

    [Fact]
    public void Decodes_format_212_pairs_with_sign()
    {
        // 0x123 and 0xFFF (−1) packed: byte0 = 0x23, byte1 = high nibbles 0xF1, byte2 = 0xFF.
        int[] values = new int[3];
        WfdbSignalDecoder.Decode(212, [0x23, 0xF1, 0xFF, 0x00, 0x08], values);

        Assert.Equal([0x123, -1, -2048], values);
    }

    [Fact]
    public void Decodes_formats_16_and_80()
    {
        int[] sixteen = new int[2];
        WfdbSignalDecoder.Decode(16, [0x34, 0x12, 0xFE, 0xFF], sixteen);
        int[] eighty = new int[2];
        WfdbSignalDecoder.Decode(80, [0x80, 0x00], eighty);

        Assert.Equal([0x1234, -2], sixteen);
        Assert.Equal([0, -128], eighty);
    }

    [Fact]
    public void Rejects_an_unknown_format_naming_the_file_line_and_field()
    {
        var result = WfdbHeaderParser.Parse("rec 1 360 100\nrec.dat 311 200 11 1024 0 0 0 I\n", "rec.hea");

        Assert.False(result.IsSuccess);
        Assert.Equal("rec.hea", result.Error.File);
        Assert.Equal("line 2: format", result.Error.Field);
        Assert.Contains("311", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("212", 0)]
    [InlineData("212x1", 0)]
    [InlineData("212:0", 0)]
    [InlineData("212x1:0+512", 512)]
    public void Reads_the_format_modifiers_that_keep_one_sample_per_frame(string format, long offset)
    {
        var result = WfdbHeaderParser.Parse($"rec 1 360 100\nrec.dat {format} 200 11 1024 0 0 0 I\n", "rec.hea");

        Assert.True(result.IsSuccess, result.Error?.Message);
        var signal = Assert.Single(result.Value!.Signals);
        Assert.Equal(212, signal.Format);
        Assert.Equal(offset, signal.ByteOffset);
    }

    [Theory]
    [InlineData("212x2", "samples per frame other than 1")]
    [InlineData("212x", "samples per frame other than 1")]
    [InlineData("212:3", "skew other than 0")]
    [InlineData("212x1:1+0", "skew other than 0")]
    [InlineData("212+x", "byte offset after '+' is not an integer")]
    public void Rejects_format_modifiers_it_would_decode_wrongly(string format, string expected)
    {
        var result = WfdbHeaderParser.Parse($"rec 1 360 100\nrec.dat {format} 200 11 1024 0 0 0 I\n", "rec.hea");

        Assert.False(result.IsSuccess);
        Assert.Equal("line 2: format", result.Error!.Field);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_bad_record_line()
    {
        var result = WfdbHeaderParser.Parse("rec two 360\n", "rec.hea");

        Assert.False(result.IsSuccess);
        Assert.Equal("line 1: number of signals", result.Error.Field);
    }

    [Fact]
    public void Rejects_a_truncated_signal_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "t");
        File.WriteAllText(path + ".hea", "t 2 360 100\nt.dat 212 200 11 1024\nt.dat 212 200 11 1024\n");
        File.WriteAllBytes(path + ".dat", new byte[200]);

        var result = WfdbRecordReader.Read(path);

        Assert.False(result.IsSuccess);
        Assert.EndsWith("t.dat", result.Error.File, StringComparison.Ordinal);
        Assert.Contains("truncated", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("300 bytes", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_record_whose_header_has_a_wrong_checksum_and_initial_value_and_reports_both()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "w");
        File.WriteAllText(path + ".hea", "w 1 250 2\nw.dat 16 100/mV 16 0 9 0 0 A\n");
        File.WriteAllBytes(path + ".dat", [5, 0, 0xF9, 0xFF]);

        var result = WfdbRecordReader.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal([5, -7], result.Value.Samples[0]);
        Assert.Equal(["signal 0 initial value", "signal 0 checksum"], result.Value.Warnings.Select(w => w.Field));
        Assert.Contains("first sample is 5 but the header says 9", result.Value.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("samples sum to -2 but the header says 0", result.Value.Warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_format_16_record_written_by_hand()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s");
        File.WriteAllText(path + ".hea", "s 2 250 2\ns.dat 16 100(10)/mV 16 0 5 -3 0 A\ns.dat 16 100/mV 16 0 -7 -6 0 B\n");
        File.WriteAllBytes(path + ".dat", [5, 0, 0xF9, 0xFF, 0xF8, 0xFF, 1, 0]);

        var result = WfdbRecordReader.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal([5, -8], result.Value.Samples[0]);
        Assert.Equal([-7, 1], result.Value.Samples[1]);
        Assert.Equal(-0.05f, result.Value.ToPhysical(0)[0], 5);
    }

    [Fact]
    public void Rejects_an_annotation_file_cut_inside_aux_text()
    {
        // Beat N at +5, then AUX of 10 bytes with only 2 present.
        byte[] bytes = [0x05, 0x04, 0x0A, 0xFC, (byte)'(', (byte)'N'];

        var result = MitAnnotationReader.Decode(bytes, "x.atr");

        Assert.False(result.IsSuccess);
        Assert.Equal("byte 2", result.Error.Field);
    }

    [Fact]
    public void A_chunk_of_a_record_carries_the_same_physical_values_and_its_start()
    {
        var record = WfdbRecordReader.Read(Record("100")).Value!;
        var start = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

        var chunk = record.ToChunk(1, 720, 360, "holter-1", "p-1", Iomt.Core.Measurements.ObservationCode.Mdc("131330"), start);

        var expected = new float[360];
        record.CopyPhysical(1, 720, expected);
        Assert.Equal(360, chunk.SampleRateHz);
        Assert.Equal(record.Header.Signals[1].Units, chunk.Unit);
        Assert.Equal(start.AddSeconds(1), chunk.TimeOf(360));
        Assert.All(Enumerable.Range(0, 360), i => Assert.Equal(expected[i], chunk.PhysicalValue(i), 5));
    }

    private static string Record(string name) => SharedData.PathOf("mitdb", name + ".hea")[..^4];
}
