using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
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
    public void Decodes_formats_61_160_24_and_32_with_sign()
    {
        int[] big = new int[2];
        WfdbSignalDecoder.Decode(61, [0x12, 0x34, 0xFF, 0xFE], big);
        int[] offset = new int[3];
        WfdbSignalDecoder.Decode(160, [0x00, 0x80, 0xFF, 0x7F, 0x00, 0x00], offset);
        int[] wide = new int[3];
        WfdbSignalDecoder.Decode(24, [0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80], wide);
        int[] widest = new int[3];
        WfdbSignalDecoder.Decode(32, [0x01, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x80], widest);

        Assert.Equal([0x1234, -2], big);
        Assert.Equal([0, -1, -32768], offset);
        Assert.Equal([1, -1, -8388608], wide);
        Assert.Equal([1, -2, int.MinValue], widest);
    }

    [Fact]
    public void Decodes_the_three_10_bit_samples_of_formats_310_and_311_and_a_last_incomplete_group()
    {
        // Values packed by hand after signal(5). 310: 1 and −1 in bits 1–10 of the words 0x0002 and 0x87FE; −512 (0x200) has
        // its low 5 bits (0) at the top of the first word and its high 5 bits (0x10) at the top of the second. 341
        // (0b01010_10101) puts 0x15 there in the first word (0xA800) and 0x0A in the second (0x5000). Then 511 alone.
        int[] packed310 = new int[7];
        WfdbSignalDecoder.Decode(310, [0x02, 0x00, 0xFE, 0x87, 0x00, 0xA8, 0x00, 0x50, 0xFE, 0x03], packed310);
        // 311: bits 0–9, 10–19 and 20–29 of one 32-bit word: 1 | 0x3FF << 10 | 0x200 << 20 = 0x200FFC01; 341 << 20 = 0x15500000;
        // then 511 and 0 in three bytes.
        int[] packed311 = new int[8];
        WfdbSignalDecoder.Decode(311, [0x01, 0xFC, 0x0F, 0x20, 0x00, 0x00, 0x50, 0x15, 0xFF, 0x01, 0x00], packed311);

        Assert.Equal([1, -1, -512, 0, 0, 341, 511], packed310);
        Assert.Equal([1, -1, -512, 0, 0, 341, 511, 0], packed311);
        Assert.Equal(10, WfdbSignalDecoder.BytesFor(310, 7));
        Assert.Equal(11, WfdbSignalDecoder.BytesFor(311, 8));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(61)]
    [InlineData(80)]
    [InlineData(160)]
    [InlineData(212)]
    [InlineData(310)]
    [InlineData(311)]
    public void The_bytes_a_sample_count_needs_are_the_fewest_that_hold_it(int format)
    {
        for (var n = 0L; n <= 12; n++)
        {
            // At least n: two 310 samples need the whole four-byte group, whose third sample is then padding.
            var bytes = WfdbSignalDecoder.BytesFor(format, n);
            Assert.True(WfdbSignalDecoder.SamplesIn(format, bytes) >= n, $"{bytes} bytes for {n} samples");
            if (n > 0)
            {
                Assert.True(WfdbSignalDecoder.SamplesIn(format, bytes - 1) < n, $"{n} samples in {bytes - 1} bytes"); // one byte short: the last sample is incomplete
            }
        }
    }

    [Fact]
    public void Rejects_an_unknown_format_naming_the_file_line_and_field()
    {
        // Format 8 (first differences) is a WFDB format this library does not decode.
        var result = WfdbHeaderParser.Parse("rec 1 360 100\nrec.dat 8 200 11 1024 0 0 0 I\n", "rec.hea");

        Assert.False(result.IsSuccess);
        Assert.Equal("rec.hea", result.Error.File);
        Assert.Equal("line 2: format", result.Error.Field);
        Assert.Contains("unknown or unsupported signal format 8 (supported: 16, 24, 32, 61, 80, 160, 212, 310, 311)", result.Error.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("x.dat 212 200 11 1024 0 0 0 MLII", "MLII", 0, 0)]
    [InlineData("x.dat 212 200 11 1024 -5 17 0 Lead II, modified", "Lead II, modified", -5, 17)]
    [InlineData("x.dat 212 200 11 1024 MLII", "MLII", null, null)]
    [InlineData("x.dat 212 200 11 1024 12 V5 chest", "V5 chest", 12, null)]
    [InlineData("x.dat 212 200/mV ECG lead I", "ECG lead I", null, null)]
    [InlineData("x.dat 212 200 11 1024 0 0 0 12-lead: V1", "12-lead: V1", 0, 0)]
    [InlineData("x.dat 212 200 11 1024 -aVR", "-aVR", null, null)]
    [InlineData("x.dat 212", "", null, null)]
    public void A_description_may_follow_any_field_after_the_gain(string line, string description, int? initial, int? checksum)
    {
        var result = WfdbHeaderParser.Parse($"x 1 360 10\n{line}\n", "x.hea");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var signal = Assert.Single(result.Value.Signals);
        Assert.Equal(description, signal.Description);
        Assert.Equal(initial, signal.InitialValue);
        Assert.Equal(checksum, signal.Checksum);
        Assert.Equal(200, signal.Gain);
    }

    [Theory]
    [InlineData("x.dat 212 200 11a 1024 MLII", "line 2: ADC resolution", "'11a' is not an integer")]
    [InlineData("x.dat 212 200 11 1024 -1.5 MLII", "line 2: initial value", "'-1.5' is not an integer")]
    [InlineData("x.dat 212 200 11 1024 0 1e3 0 MLII", "line 2: checksum", "'1e3' is not an integer")]
    public void A_field_that_begins_like_a_number_must_be_one(string line, string field, string message)
    {
        var result = WfdbHeaderParser.Parse($"x 1 360 10\n{line}\n", "x.hea");

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200/mV", 1)]
    [InlineData("200", 1)]
    [InlineData("0.2/uV", 1)]
    [InlineData("0.2/µV", 1)]
    [InlineData("200000/V", 1)]
    [InlineData("2/mmHg", 100)]
    public void The_ecg_detectors_get_millivolts_whatever_the_voltage_unit(string gain, float expected)
    {
        // One sample of 200 ADC units above the baseline: 1 mV however the header writes it; a pressure stays as it is.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "u");
        File.WriteAllText(path + ".hea", $"u 1 250 1\nu.dat 16 {gain} 16 0\n");
        File.WriteAllBytes(path + ".dat", [200, 0]);

        var record = WfdbRecordReader.Read(path).Value!;

        Assert.Equal(expected, record.ToMillivolts(0)[0], 4);
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

    [Theory]
    [InlineData(4611686018427387904)]
    [InlineData(long.MaxValue)]
    public void A_sample_count_whose_byte_count_overflows_is_a_truncated_file_not_a_crash(long samples)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "o");
        File.WriteAllText(path + ".hea", $"o 2 360 {samples}\no.dat 16 200 11 1024\no.dat 16 200 11 1024\n");
        File.WriteAllBytes(path + ".dat", new byte[400]);

        var result = WfdbRecordReader.Read(path);

        Assert.False(result.IsSuccess);
        Assert.Contains("truncated", result.Error.Message, StringComparison.Ordinal);
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
    public void Invalid_samples_are_nan_when_copied_and_hold_the_last_valid_value_for_analysis()
    {
        // Signal A in format 16: invalid (−32768), 5, invalid, invalid, −8; signal B never valid.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "g");
        File.WriteAllText(path + ".hea", "g 2 250 5\ng.dat 16 100/mV 16 0 0 0 0 A\ng.dat 16 100/mV 16 0 0 0 0 B\n");
        byte[] invalid = [0x00, 0x80];
        File.WriteAllBytes(path + ".dat", [.. invalid, .. invalid, 5, 0, .. invalid, .. invalid, .. invalid, .. invalid, .. invalid, 0xF8, 0xFF, .. invalid]);

        var record = WfdbRecordReader.Read(path).Value!;

        var copied = new float[5];
        record.CopyPhysical(0, 0, copied);
        Assert.Equal([float.NaN, 0.05f, float.NaN, float.NaN, -0.08f], copied);
        Assert.Equal([0.05f, 0.05f, 0.05f, 0.05f, -0.08f], record.ToPhysical(0));
        Assert.Equal(3, record.InvalidCount(0));
        Assert.Equal(new float[5], record.ToPhysical(1));
        Assert.Equal(5, record.InvalidCount(1));

        // Streamed as a device would: the invalid samples are SampledData's E marker, not the ADC value −32768.
        var chunk = record.ToChunk(0, 0, 5, "d", null, ObservationCode.Mdc("131330"), DateTimeOffset.UnixEpoch);
        Assert.Equal([SampledDataMarkers.Error, 5, SampledDataMarkers.Error, SampledDataMarkers.Error, -8], chunk.Samples.ToArray());
    }

    [Theory]
    [InlineData(212, -2048)]
    [InlineData(16, -32768)]
    [InlineData(61, -32768)]
    [InlineData(160, -32768)]
    [InlineData(80, -128)]
    [InlineData(310, -512)]
    [InlineData(311, -512)]
    [InlineData(24, -8388608)]
    [InlineData(32, int.MinValue)]
    public void The_invalid_sample_of_each_format_is_the_least_value_it_stores(int format, int expected)
    {
        var spec = new WfdbSignalSpec("x.dat", format, 200, 0, "mV", 0, 0, null, null, "");

        Assert.Equal(expected, spec.InvalidSample);
    }

    [Fact]
    public void Reads_a_two_signal_format_311_record_written_by_hand_and_finds_it_truncated_one_byte_short()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "t");
        // Frames (5, −7) and (−8, 1): four samples, one whole group of three and one sample in two bytes.
        // 5 | (−7 & 0x3FF) << 10 | (−8 & 0x3FF) << 20 = 0x3F8FE405; then 1.
        File.WriteAllText(path + ".hea", "t 2 250 2\nt.dat 311 100/mV 10 0 5 -3 0 A\nt.dat 311 100/mV 10 0 -7 -6 0 B\n");
        File.WriteAllBytes(path + ".dat", [0x05, 0xE4, 0x8F, 0x3F, 0x01, 0x00]);

        var result = WfdbRecordReader.Read(path);
        File.WriteAllBytes(path + ".dat", [0x05, 0xE4, 0x8F, 0x3F, 0x01]);
        var truncated = WfdbRecordReader.Read(path);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Empty(result.Value.Warnings); // the header's initial values and checksums agree
        Assert.Equal([5, -8], result.Value.Samples[0]);
        Assert.Equal([-7, 1], result.Value.Samples[1]);
        Assert.False(truncated.IsSuccess);
        Assert.Contains("truncated", truncated.Error.Message, StringComparison.Ordinal);
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
