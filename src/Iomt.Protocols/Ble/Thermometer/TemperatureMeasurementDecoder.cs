namespace Iomt.Protocols.Ble.Thermometer;

/// <summary>
/// Decodes Temperature Measurement 0x2A1C (HTS 1.0 §3.1, GSS temperature_measurement): flags (bit 0 degF, bit 1 time
/// stamp, bit 2 temperature type, bits 3–7 RFU); FLOAT temperature; optional Date Time; optional type octet (1–9).
/// </summary>
public static class TemperatureMeasurementDecoder
{
    private const int ReservedFlags = 0xF8;

    /// <summary>Decodes one characteristic value; never throws.</summary>
    public static GattDecodeResult<TemperatureMeasurement> Decode(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !r.TryFloat("temperature", out var temperature))
        {
            return GattDecodeResult<TemperatureMeasurement>.Failure(r.Error);
        }

        GattDateTime? timestamp = null;
        if ((flags & 0x02) != 0)
        {
            if (!r.TryDateTime("timestamp", out var t))
            {
                return GattDecodeResult<TemperatureMeasurement>.Failure(r.Error);
            }

            timestamp = t;
        }

        int? type = null;
        if ((flags & 0x04) != 0)
        {
            var offset = r.Position;
            if (!r.TryU8("temperatureType", out var t) || !r.CheckReservedValue("temperatureType", offset, t, t is 0 or > 9))
            {
                return GattDecodeResult<TemperatureMeasurement>.Failure(r.Error);
            }

            type = t;
        }

        return r.CheckEnd()
            ? GattDecodeResult<TemperatureMeasurement>.Success(new TemperatureMeasurement((flags & 0x01) != 0, temperature, timestamp, type))
            : GattDecodeResult<TemperatureMeasurement>.Failure(r.Error);
    }
}
