using System.Globalization;
using System.Text.Json;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;

namespace Iomt.Protocols.Tests.Hl7;

public class Pcd01MapperTests
{
    private static Pcd01MappingResult MapFile(string file, Pcd01MapperOptions? options = null) =>
        new Pcd01Mapper(options).Map(Hl7Parser.Parse(Pcd01Cases.ReadBytes(file)));

    [Theory]
    [MemberData(nameof(Pcd01Cases.RequestFiles), MemberType = typeof(Pcd01Cases))]
    public void Request_produces_exactly_the_expected_measurements(string file)
    {
        var expected = Pcd01Cases.Case(file);
        var result = MapFile(file);

        Assert.Equal(expected.Str("ack"), Hl7AckBuilder.CodeText(result.Ack));
        Assert.Equal(expected.Str("patientId"), result.PatientId);
        Assert.Equal(expected.Str("deviceId"), result.DeviceId);
        AssertObservations(expected.GetProperty("measurements"), result.Observations, expected);
        if (expected.TryGetProperty("partialMeasurements", out var partial))
        {
            AssertObservations(partial, result.PartialObservations, expected);
        }

        var errors = expected.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(errors.Length, result.Errors.Length);
        for (var i = 0; i < errors.Length; i++)
        {
            var e = errors[i];
            var actual = result.Errors[i];
            Assert.Equal(e.Str("segment"), actual.Segment);
            Assert.Equal(e.GetProperty("sequence").GetInt32(), actual.Sequence);
            Assert.Equal(e.GetProperty("field").ValueKind == JsonValueKind.Null ? null : e.GetProperty("field").GetInt32(), actual.Field);
            Assert.Equal(e.Str("hl7ErrorCode"), actual.Code.Code);
        }
    }

    private static void AssertObservations(JsonElement expected, IReadOnlyList<Pcd01Observation> actual, JsonElement testCase)
    {
        var rows = expected.EnumerateArray().ToArray();
        Assert.Equal(rows.Length, actual.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var e = rows[i];
            var a = actual[i];
            var m = a.Measurement;
            var where = $"{testCase.Str("file")} measurement {i}";
            Assert.True(e.GetProperty("mdc").GetInt32() == a.Mdc, where);
            Assert.Equal(e.Str("mdcRefId"), a.MdcRefId);
            Assert.Equal(e.Str("code"), m.Code.Code);
            Assert.Equal(e.Str("system"), m.Code.System);
            Assert.Equal(e.Str("vitalSignCode"), a.VitalSignCode?.Code);
            Assert.Equal(e.GetProperty("value").GetDouble(), m.Value);
            Assert.Equal(e.Str("unit"), m.Unit);
            Assert.Equal(e.GetProperty("mdcUnit").ValueKind == JsonValueKind.Null ? null : e.GetProperty("mdcUnit").GetInt32(), a.MdcUnit);
            Assert.Equal(e.Str("containment"), a.Containment);
            Assert.Equal(testCase.Str("patientId"), m.PatientId);
            Assert.Equal(testCase.Str("deviceId"), m.DeviceId);

            var time = e.Str("time")!;
            var hasOffset = time.EndsWith('Z');
            Assert.Equal(hasOffset, a.TimeHasUtcOffset);
            var expectedTime = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            Assert.Equal(expectedTime, m.DeviceTime);
            Assert.Equal(TimeSpan.Zero, m.DeviceTime.Offset);
        }
    }

    [Fact]
    public void Message_ids_are_control_id_and_OBX_occurrence_so_a_resend_deduplicates()
    {
        var first = MapFile("08-multiple-obr-groups.request.hl7");
        var again = MapFile("08-multiple-obr-groups.request.hl7");
        var ids = first.Observations.Select(o => o.Measurement.MessageId).ToArray();
        Assert.Equal(["MSG-20260320-0008#2", "MSG-20260320-0008#3", "MSG-20260320-0008#4", "MSG-20260320-0008#6", "MSG-20260320-0008#7", "MSG-20260320-0008#9"], ids);
        Assert.Equal(ids, again.Observations.Select(o => o.Measurement.MessageId));
    }

    [Theory]
    [InlineData("NATIONAL_ID", null, "7304151234")]
    [InlineData(null, "NI", "7304151234")]
    [InlineData("hospital_a", "MR", "MRN-800555")]
    public void Selects_the_patient_identifier_by_configured_authority_and_type(string? authority, string? type, string patient)
    {
        var result = MapFile("09-escape-sequences-repetitions.request.hl7", new() { PatientIdentifierAuthority = authority, PatientIdentifierType = type });
        Assert.Equal(Hl7AckCode.ApplicationAccept, result.Ack);
        Assert.Equal(patient, result.PatientId);
        Assert.All(result.Observations, o => Assert.Equal(patient, o.Measurement.PatientId));
    }

    [Fact]
    public void A_configured_identifier_system_the_message_lacks_is_a_missing_PID_3()
    {
        var result = MapFile("01-nibp-monitor.request.hl7", new() { PatientIdentifierAuthority = "OTHER_HOSPITAL" });
        Assert.Equal(Hl7AckCode.ApplicationError, result.Ack);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PID-3", error.FieldName);
        Assert.Equal("101", error.Code.Code);
        Assert.Empty(result.Observations);
    }

    [Fact]
    public void Times_without_offset_use_the_configured_default_and_are_flagged()
    {
        var result = MapFile("18-ipf-icu-ecg-invasive-bp-crlf.request.hl7", new() { DefaultUtcOffset = TimeSpan.FromHours(1) });
        Assert.All(result.Observations, o =>
        {
            Assert.False(o.TimeHasUtcOffset);
            Assert.Equal(new DateTimeOffset(2008, 12, 11, 13, 45, 0, TimeSpan.Zero), o.Measurement.DeviceTime);
        });
    }

    private const string Header = "MSH|^~\\&|MON^0012A3FFFE4B5C6D^EUI-64|W|OpenIoMT|H|20260101120000+0000||ORU^R01^ORU_R01|C1|P|2.6\rPID|||P1\rOBR|1|||x|||20260101120000+0000\r";

    [Theory]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1|12a|266016^MDC_DIM_MMHG^MDC|||||R\r", "OBX-5", "102", "OBX-5 value 12a is not a valid NM number")]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1|NaN|266016^MDC_DIM_MMHG^MDC|||||R\r", "OBX-5", "102", "OBX-5 value NaN is not a valid NM number")]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1||266016^MDC_DIM_MMHG^MDC|||||R\r", "OBX-5", "101", "OBX-5 value is missing")]
    [InlineData("OBX|1|NM|8867-4^HR^LN|1.1.1.1|60|/min^/min^UCUM|||||R\r", "OBX-3", "103", "Unsupported MDC observation identifier 8867-4 in OBX-3")]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1|120|999^X^MDC|||||R\r", "OBX-6", "103", "Unsupported MDC unit 999 in OBX-6")]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1|120||||||R\r", "OBX-6", "101", "OBX-6 unit is missing")]
    [InlineData("OBX|1|NM|150021^X^MDC|1.1.1.1|120|266016^X^MDC|||||R|||2026-01-01\r", "OBX-14", "102", "OBX-14 time 2026-01-01 is not a valid DTM")]
    public void Content_errors_name_the_OBX_field_and_make_the_message_AE(string obx, string field, string code, string text)
    {
        var result = new Pcd01Mapper().Map(Hl7Parser.Parse(Header + obx));
        Assert.Equal(Hl7AckCode.ApplicationError, result.Ack);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.FieldName);
        Assert.Equal(code, error.Code.Code);
        Assert.Equal(text, error.Text);
        Assert.Empty(result.Observations);
    }

    [Fact]
    public void Waveform_string_and_coded_rows_are_skipped_not_errors()
    {
        var result = new Pcd01Mapper().Map(Hl7Parser.Parse(Header +
            "OBX|1|NA|150452^MDC_PULS_OXIM_PLETH^MDC|1.0.0.2|1^2^3|262656^MDC_DIM_DIMLESS^MDC|||||R\r" +
            "OBX|2|ST|999999^X^MDC|1.0.0.3|text\r" +
            "OBX|3|CWE|68220^MDC_TIME_SYNC_PROTOCOL^MDC|0.0.0.1|532224^MDC_TIME_SYNC_NONE^MDC\r" +
            "OBX|4|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|61|264864^MDC_DIM_BEAT_PER_MIN^MDC\r"));
        Assert.Equal(Hl7AckCode.ApplicationAccept, result.Ack);
        var only = Assert.Single(result.Observations);
        Assert.Equal(61, only.Measurement.Value);
        Assert.Equal("C1#4", only.Measurement.MessageId);
        Assert.Equal("0012A3FFFE4B5C6D", only.Measurement.DeviceId);
    }

    [Fact]
    public void A_numeric_row_without_any_equipment_id_is_an_error()
    {
        var text = "MSH|^~\\&|MON|W|OpenIoMT|H|20260101120000+0000||ORU^R01|C1|P|2.6\rPID|||P1\rOBR|1|||x|||20260101120000+0000\r" +
            "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|61|264864^MDC_DIM_BEAT_PER_MIN^MDC\r";
        var result = new Pcd01Mapper().Map(Hl7Parser.Parse(text));
        Assert.Equal("OBX-18", Assert.Single(result.Errors).FieldName);
    }

    [Theory]
    [InlineData("MSH|^~\\&|A|B|C|D|20260101||ORU^R30|1|P|2.6\r", "200")]
    [InlineData("MSH|^~\\&|A|B|C|D|20260101||ORU^R01||P|2.6\r", "101")]
    public void Unsupported_or_headless_messages_are_rejected(string text, string code)
    {
        var result = new Pcd01Mapper().Map(Hl7Parser.Parse(text));
        Assert.Equal(Hl7AckCode.ApplicationReject, result.Ack);
        Assert.Equal(code, Assert.Single(result.Errors).Code.Code);
    }
}
