using System.Text;
using Iomt.Protocols.Ble;
using Iomt.Protocols.Ble.Cgm;
using Iomt.Protocols.Ble.HeartRate;

namespace Iomt.Protocols.Tests.Ble;

public sealed class GattCharacteristicsTests
{
    [Theory]
    [InlineData("2A37", "2A37")]
    [InlineData("0x2a37", "2A37")]
    [InlineData(" 2a9d ", "2A9D")]
    [InlineData("00002aa7-0000-1000-8000-00805f9b34fb", "2AA7")]
    [InlineData("sfloat", "SFLOAT")]
    [InlineData("2A19", null)]
    [InlineData("12345678-0000-1000-8000-00805f9b34fb", null)]
    [InlineData("", null)]
    public void Normalizes_uuid_forms_to_the_16_bit_upper_case_id(string input, string? expected)
    {
        Assert.Equal(expected, GattCharacteristics.Normalize(input));
    }

    [Fact]
    public void Cgm_e2e_crc_matches_the_catalogue_and_cgms_check_values()
    {
        Assert.Equal(0x6F91, CgmE2eCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0x2F01, CgmE2eCrc.Compute([0x3E, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    }

    [Fact]
    public void Reads_rr_intervals_in_1024ths_of_a_second_oldest_first()
    {
        var hr = HeartRateMeasurementDecoder.Decode(Convert.FromHexString("1048000400020004")).Value;
        Assert.Equal([1024, 512, 1024], hr.RrIntervalsRaw.Select(r => (int)r));
        Assert.Equal(0.5, hr.RrIntervalSeconds(1));
    }

    [Fact]
    public void Names_the_field_and_offset_of_a_truncated_value()
    {
        var error = HeartRateMeasurementDecoder.Decode(Convert.FromHexString("0848F4")).Error!.Value;
        Assert.Equal(GattErrorReason.Truncated, error.Reason);
        Assert.Equal("energyExpended", error.Field);
        Assert.Equal(2, error.Offset);
        Assert.Contains("offset 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unsupported_characteristic_as_a_value_not_an_exception()
    {
        var result = GattCharacteristics.Decode("2A19", [0x64]);
        Assert.Equal("unsupported-characteristic", result.Error!.Value.ReasonCode);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }
}
