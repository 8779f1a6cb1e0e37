using Iomt.Protocols.Hl7;

namespace Iomt.Protocols.Tests.Hl7;

public class Hl7ParserTests
{
    [Theory]
    [MemberData(nameof(Pcd01Cases.AllFiles), MemberType = typeof(Pcd01Cases))]
    public void Every_shared_message_parses_except_the_one_without_MSH(string file)
    {
        var result = Hl7Parser.Parse(Pcd01Cases.ReadBytes(file));
        if (file.StartsWith("17-", StringComparison.Ordinal) && file.Contains("request", StringComparison.Ordinal))
        {
            Assert.False(result.Success);
            Assert.Equal("100", result.Error!.Code.Code);
            Assert.Equal("MSH", result.Error.Segment);
            Assert.Equal("Message does not start with an MSH segment", result.Error.Reason);
            return;
        }

        Assert.True(result.Success, result.Error?.ToString());
        var message = result.Message!;
        Assert.Equal("MSH", message.Segments[0].Id);
        Assert.All(message.Segments, s => Assert.Matches("^[A-Z0-9]{3}$", s.Id));
        if (file.Contains("request", StringComparison.Ordinal))
        {
            Assert.Equal(Pcd01Cases.Case(file).Str("messageControlId"), message.ControlId);
        }
    }

    [Theory]
    [InlineData("01-nibp-monitor.request.hl7", 11)]
    [InlineData("11-lf-segment-terminators.request.hl7", 9)]
    [InlineData("12-ipf-nibp-crlf.request.hl7", 8)]
    [InlineData("20-ipf-continua-scale-two-obr-crlf.request.hl7", 16)]
    public void Segment_terminators_CR_LF_and_CRLF_give_the_same_segments(string file, int segments)
    {
        var message = Hl7Parser.Parse(Pcd01Cases.Read(file)).Message!;
        Assert.Equal(segments, message.Segments.Length);
        Assert.All(message.Segments, s => Assert.DoesNotContain('\n', s.ToString()));
        Assert.Equal("ORU", message.MessageCode);
        Assert.Equal("R01", message.TriggerEvent);
    }

    [Fact]
    public void Reads_fields_components_and_MSH_delimiters_by_position()
    {
        var message = Hl7Parser.Parse(Pcd01Cases.Read("01-nibp-monitor.request.hl7")).Message!;
        Assert.Equal("|", message.Get("MSH", 1));
        Assert.Equal("^~\\&", message.Get("MSH", 2));
        Assert.Equal("0012A3FFFE4B5C6D", message.Get("MSH", 3, component: 2));
        Assert.Equal("150021", message.Get("OBX", 3, component: 1, occurrence: 4));
        Assert.Equal("MDC_PRESS_BLD_NONINV_SYS", message.Get("OBX", 3, component: 2, occurrence: 4));
        Assert.Equal("120", message.Get("OBX", 5, occurrence: 4));
        Assert.Equal("", message.Get("OBX", 5, occurrence: 1));
        Assert.Equal("", message.Get("ZZZ", 1));
        Assert.Equal(4, message.Segment("OBX", 4)!.Sequence);
        Assert.Equal(18, message.Segment("OBX", 4)!.FieldCount);
    }

    [Fact]
    public void Decodes_the_five_escape_sequences_and_repetitions()
    {
        var expected = Pcd01Cases.Case("09-escape-sequences-repetitions.request.hl7");
        var message = Hl7Parser.Parse(Pcd01Cases.Read("09-escape-sequences-repetitions.request.hl7")).Message!;
        var texts = expected.GetProperty("decodedText").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(texts[0], message.Get("NTE", 3, occurrence: 1));
        Assert.Equal(texts[1], message.Get("NTE", 3, occurrence: 2));

        var pid3 = message.Segment("PID")!.Field(3);
        Assert.Equal(2, pid3.RepetitionCount);
        var ids = expected.GetProperty("patientIdentifiers").EnumerateArray().ToArray();
        for (var r = 0; r < ids.Length; r++)
        {
            Assert.Equal(ids[r].Str("id"), pid3.Repetition(r + 1).Component(1).Text);
            Assert.Equal(ids[r].Str("authority"), pid3.Repetition(r + 1).Component(4).Text);
            Assert.Equal(ids[r].Str("type"), pid3.Repetition(r + 1).Component(5).Text);
        }

        var names = message.Segment("PID")!.Field(5);
        var rendered = Enumerable.Range(1, names.RepetitionCount)
            .Select(r => names.Repetition(r))
            .Select(n => $"{n.Component(1).Text}, {n.Component(2).Text} ({n.Component(7).Text})");
        Assert.Equal(expected.GetProperty("patientNames").EnumerateArray().Select(e => e.GetString()), rendered);

        var flags = message.Segment("OBX", 2)!.Field(8);
        Assert.Equal(["H", "A"], Enumerable.Range(1, flags.RepetitionCount).Select(r => flags.Repetition(r).Text));
    }

    [Fact]
    public void Uses_the_custom_encoding_characters_of_MSH_2()
    {
        var expected = Pcd01Cases.Case("10-custom-encoding-characters.request.hl7");
        var message = Hl7Parser.Parse(Pcd01Cases.Read("10-custom-encoding-characters.request.hl7")).Message!;
        Assert.Equal(expected.Str("encodingCharacters"), message.Encoding.EncodingField);
        Assert.Equal(new Hl7EncodingCharacters('|', '$', '%', '!', '#'), message.Encoding);
        Assert.Equal(expected.GetProperty("decodedText")[0].GetString(), message.Get("NTE", 3));
        Assert.Equal("EUI-64", message.Get("MSH", 3, component: 3));
        Assert.Equal("MR", message.Get("PID", 3, component: 5));
        Assert.Equal("266016", message.Get("OBX", 6, component: 1, occurrence: 2));
    }

    [Fact]
    public void Decodes_hex_escapes_and_keeps_formatting_escapes_verbatim()
    {
        var message = Hl7Parser.Parse("MSH|^~\\&|A|B|C|D|20260101||ORU^R01|1|P|2.6\rNTE|1||caf\\XC3A9\\ \\H\\bold\\N\\ end \\unterminated\r").Message!;
        Assert.Equal("café \\H\\bold\\N\\ end \\unterminated", message.Get("NTE", 3));
    }

    [Fact]
    public void Names_subcomponents_and_explicit_nulls()
    {
        var message = Hl7Parser.Parse("MSH|^~\\&|A|B\rPID|1|\"\"|id&auth&ISO^x~second\r").Message!;
        var pid = message.Segment("PID")!;
        Assert.True(pid.Field(2).IsExplicitNull);
        Assert.Equal("auth", pid.Get(3, component: 1, subcomponent: 2));
        Assert.Equal(3, pid.Field(3).Component(1).SubcomponentCount);
        Assert.Equal("second", pid.Get(3, repetition: 2));
        Assert.Equal("", pid.Get(3, repetition: 3));
    }

    [Theory]
    [InlineData("", "MSH", null, "message is empty")]
    [InlineData("PID|||123\r", "MSH", null, "Message does not start with an MSH segment")]
    [InlineData("MSH", "MSH", 1, "MSH-1 field separator is missing")]
    [InlineData("MSH|^~^&|A\r", "MSH", 2, "MSH-2 encoding character '^' at position 3 is invalid or repeated")]
    [InlineData("MSH|^~\\|A\r", "MSH", 2, "MSH-2 must hold 4 encoding characters, found 3")]
    [InlineData("MSHA^~\\&A\r", "MSH", 1, "MSH-1 field separator 'A' is not a valid delimiter")]
    [InlineData("MSH|^|\\&|A\r", "MSH", 2, "MSH-2 must hold 4 encoding characters, found 1")]
    public void Rejects_a_missing_header_or_wrong_delimiters_naming_the_field(string text, string segment, int? field, string reason)
    {
        var result = Hl7Parser.Parse(text);
        Assert.False(result.Success);
        Assert.Equal(segment, result.Error!.Segment);
        Assert.Equal(field, result.Error.Field);
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal("100", result.Error.Code.Code);
    }

    [Fact]
    public void Rejects_an_invalid_segment_id_but_keeps_the_header_for_the_ACK()
    {
        var result = Hl7Parser.Parse("MSH|^~\\&|A|B|C|D|20260101||ORU^R01|X1|P|2.6\rPID|||1\rob x|1\r");
        Assert.False(result.Success);
        Assert.Equal("segment 3 has an invalid segment id 'ob '", result.Error!.Reason);
        Assert.Equal("X1", result.Message!.ControlId);
    }
}
