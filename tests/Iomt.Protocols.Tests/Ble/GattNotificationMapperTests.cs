using System.Text;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Protocols.Ble;

namespace Iomt.Protocols.Tests.Ble;

public sealed class GattNotificationMapperTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sent = new(2026, 11, 22, 9, 59, 58, TimeSpan.FromHours(1));

    [Fact]
    public void Every_valid_vector_maps_to_the_expected_measurements_with_catalogue_codes()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var v in GattVectors.All.Where(v => v.Valid && v.Characteristic is not ("SFLOAT" or "FLOAT")))
        {
            var result = GattNotificationMapper.Map(new GattNotification(v.Characteristic, Convert.ToHexString(v.Bytes), Sent), "dev-1", Received);
            var expected = v.Expected!.Value.GetProperty("measurements").EnumerateArray().ToList();
            if (!result.IsSuccess || result.Measurements.Length != expected.Count)
            {
                failures.Add($"{v.Id}: {result.Error?.ToString() ?? $"{result.Measurements.Length} measurements, expected {expected.Count}"}");
                continue;
            }

            for (var i = 0; i < expected.Count; i++)
            {
                var m = result.Measurements[i];
                var e = expected[i];
                if (m.Code != new ObservationCode(e.GetProperty("system").GetString()!, e.GetProperty("code").GetString()!)
                    || m.Unit != e.GetProperty("unit").GetString()
                    || Math.Abs(m.Value!.Value - e.GetProperty("value").GetDouble()) > 0.01
                    || m.MessageId != $"{result.MessageId}#{i}"
                    || m.DeviceId != "dev-1"
                    || !VitalSignCatalogue.Default.TryGet(m.Code, out var type) || type.CanonicalUnit != m.Unit)
                {
                    failures.Add($"{v.Id}[{i}]: got {m.Code} {m.Value} {m.Unit} id {m.MessageId}");
                }
            }

            checkedCount++;
        }

        Assert.Empty(failures);
        Assert.Equal(198 - 37, checkedCount);
    }

    [Fact]
    public void A_resent_notification_gets_the_same_message_ids_whether_hex_or_base64()
    {
        var bytes = Convert.FromHexString("1E4840344003");
        var hex = GattNotificationMapper.Map(new GattNotification("2A37", "1E4840344003", Sent), "dev-1", Received);
        var again = GattNotificationMapper.Map(new GattNotification("0x2a37", "1e 48 40 34 40 03", Sent), "dev-1", Received.AddMinutes(5));
        var base64 = GattNotificationMapper.Map(new GattNotification("2A37", Convert.ToBase64String(bytes), Sent, Encoding: "base64"), "dev-1", Received);
        var later = GattNotificationMapper.Map(new GattNotification("2A37", "1E4840344003", Sent.AddSeconds(1)), "dev-1", Received);

        Assert.Equal(hex.Measurements.Select(m => m.MessageId), again.Measurements.Select(m => m.MessageId));
        Assert.Equal(hex.Measurements.Select(m => m.MessageId), base64.Measurements.Select(m => m.MessageId));
        Assert.NotEqual(hex.MessageId, later.MessageId);
        Assert.Equal(2, hex.Measurements.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public void Uses_the_gateway_message_id_when_given()
    {
        var result = GattNotificationMapper.Map(new GattNotification("2A37", "0048", Sent, MessageId: "phone-7:123"), "dev-1", Received);
        Assert.Equal("phone-7:123#0", Assert.Single(result.Measurements).MessageId);
        Assert.Equal(72, result.Measurements[0].Value);
    }

    [Fact]
    public void Reads_a_device_time_stamp_in_the_gateway_offset_and_otherwise_uses_the_gateway_time()
    {
        // bpm-mmhg-ts: time stamp 2026-11-22T09:07:13 local; the gateway is at +01:00.
        var bp = GattVectors.All.Single(v => v.Id == "bpm-mmhg-ts");
        var result = GattNotificationMapper.Map(new GattNotification("2A35", Convert.ToHexString(bp.Bytes), Sent), "cuff", Received);
        var expectedLocal = DateTime.Parse(bp.Expected!.Value.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(result.Measurements, m => Assert.Equal(new DateTimeOffset(expectedLocal, TimeSpan.FromHours(1)).ToUniversalTime(), m.DeviceTime));

        var hr = GattNotificationMapper.Map(new GattNotification("2A37", "0048", Sent), "hr", Received);
        Assert.Equal(Sent.ToUniversalTime(), hr.Measurements[0].DeviceTime);
        Assert.Equal(TimeSpan.Zero, hr.Measurements[0].DeviceTime.Offset);
        var noTime = GattNotificationMapper.Map(new GattNotification("2A37", "0048"), "hr", Received);
        Assert.Equal(Received, noTime.Measurements[0].DeviceTime);
    }

    [Theory]
    [InlineData("2A37", "", "empty")]
    [InlineData("2A37", "10 48", "truncated")]
    [InlineData("2A19", "64", "unsupported-characteristic")]
    [InlineData("2A37", "zz!", "invalid-encoding")]
    public void Reports_a_decode_error_with_its_reason_and_no_measurements(string uuid, string value, string reason)
    {
        var result = GattNotificationMapper.Map(new GattNotification(uuid, value, Sent), "dev", Received);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Error!.Value.ReasonCode);
        Assert.Empty(result.Measurements);
        Assert.StartsWith("gatt-", result.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void Parses_a_single_object_and_an_array()
    {
        Assert.True(GattNotificationJson.TryParse("""{"characteristic":"2A37","value":"0048","time":"2026-11-22T08:00:00Z"}"""u8, out var one, out _));
        Assert.Equal(new GattNotification("2A37", "0048", new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)), Assert.Single(one));
        Assert.True(GattNotificationJson.TryParse("""[{"characteristic":"2A37","value":"0048"},{"characteristic":"2A1C","value":"AG4BAP8=","encoding":"base64","messageId":"m2"}]"""u8, out var two, out _));
        Assert.Equal(2, two.Count);
        Assert.Equal("m2", two[1].MessageId);
    }

    [Theory]
    [InlineData("""{"characteristic":"2A37"}""", "value")]
    [InlineData("""[{"characteristic":"2A37","value":"0048"},{"value":"0048"}]""", "[1].characteristic")]
    [InlineData("""{"characteristic":"2A37","value":72}""", "value")]
    [InlineData("""{"characteristic":"2A37","value":"0048","time":"2026-11-22T08:00:00"}""", "time")]
    [InlineData("""{"characteristic":"heart","value":"0048"}""", "characteristic")]
    [InlineData("""{"characteristic":"2A37","value":"00 4"}""", "value")]
    [InlineData("""{"characteristic":"2A37","value":"0048","encoding":"rot13"}""", "encoding")]
    [InlineData("""{"characteristic":""", "body")]
    [InlineData("""42""", "body")]
    [InlineData("""[]""", "body")]
    public void Rejects_a_malformed_body_naming_the_field(string json, string field)
    {
        Assert.False(GattNotificationJson.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Invalid_utf8_and_lone_surrogates_are_body_errors_not_exceptions()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"characteristic":"2A37","value":"00X8"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0x90;
        Assert.False(GattNotificationJson.TryParse(bytes, out _, out var utf8Error));
        Assert.Equal("body", utf8Error.Field);
        Assert.False(GattNotificationJson.TryParse("""{"characteristic":"\ud800","value":"0048"}"""u8, out _, out var escapeError));
        Assert.Equal("body", escapeError.Field);
    }
}
