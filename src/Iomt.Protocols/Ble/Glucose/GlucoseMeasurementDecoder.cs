namespace Iomt.Protocols.Ble.Glucose;

/// <summary>
/// Decodes Glucose Measurement 0x2A18 (GLS 1.0 §3.106, GSS glucose_measurement): flags; uint16 sequence number;
/// Date Time base time; optional sint16 time offset (min); optional SFLOAT concentration with the type (low nibble)
/// and sample location (high nibble) octet; optional 16-bit sensor status annunciation (bits 12–15 RFU).
/// </summary>
public static class GlucoseMeasurementDecoder
{
    private const int ReservedFlags = 0xE0;
    private const int ReservedStatusBits = 0xF000;

    /// <summary>Decodes one characteristic value; never throws.</summary>
    public static GattDecodeResult<GlucoseMeasurement> Decode(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !r.TryU16("sequenceNumber", out var sequence) || !r.TryDateTime("baseTime", out var baseTime))
        {
            return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
        }

        int? offset = null;
        if ((flags & 0x01) != 0)
        {
            if (!r.TryS16("timeOffset", out var o))
            {
                return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
            }

            offset = o;
        }

        Numbers.MedicalFloat? concentration = null;
        int? type = null;
        int? location = null;
        if ((flags & 0x02) != 0)
        {
            if (!r.TrySFloat("concentration", out var c))
            {
                return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
            }

            var at = r.Position;
            if (!r.TryU8("typeSampleLocation", out var nibbles)
                || !r.CheckReservedValue("sampleType", at, nibbles & 0x0F, (nibbles & 0x0F) is 0 or > 10)
                || !r.CheckReservedValue("sampleLocation", at, nibbles >> 4, (nibbles >> 4) is 0 or (>= 5 and <= 14)))
            {
                return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
            }

            concentration = c;
            type = nibbles & 0x0F;
            location = nibbles >> 4;
        }

        int? status = null;
        if ((flags & 0x08) != 0)
        {
            var at = r.Position;
            if (!r.TryU16("sensorStatus", out var s) || !r.CheckReservedBits("sensorStatus", at, s, ReservedStatusBits))
            {
                return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
            }

            status = s;
        }

        if (!r.CheckEnd())
        {
            return GattDecodeResult<GlucoseMeasurement>.Failure(r.Error);
        }

        return GattDecodeResult<GlucoseMeasurement>.Success(new GlucoseMeasurement(
            sequence, baseTime, offset, (flags & 0x04) != 0, concentration, type, location, status, (flags & 0x10) != 0));
    }
}
