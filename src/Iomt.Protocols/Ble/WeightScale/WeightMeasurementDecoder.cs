namespace Iomt.Protocols.Ble.WeightScale;

/// <summary>
/// Decodes Weight Measurement 0x2A9D (WSS 1.0 §3.2, GSS weight_measurement): flags (bit 0 imperial, bit 1 time stamp,
/// bit 2 user id, bit 3 BMI and height, bits 4–7 RFU); uint16 weight; optional Date Time; user id; BMI + height.
/// </summary>
public static class WeightMeasurementDecoder
{
    private const int ReservedFlags = 0xF0;

    /// <summary>Decodes one characteristic value; never throws.</summary>
    public static GattDecodeResult<WeightMeasurement> Decode(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !r.TryU16("weight", out var weight))
        {
            return GattDecodeResult<WeightMeasurement>.Failure(r.Error);
        }

        // WSS: with 0xFFFF (Measurement Unsuccessful) only Time Stamp and User ID may accompany the weight.
        if (weight == WeightMeasurement.Unsuccessful && (flags & 0x08) != 0)
        {
            r.Fail(GattErrorReason.InvalidCombination, "bmi", 0,
                "field 'bmi' is declared (flags bit 3) but weight at offset 1 is 0xFFFF (Measurement Unsuccessful), which allows only time stamp and user id");
            return GattDecodeResult<WeightMeasurement>.Failure(r.Error);
        }

        GattDateTime? timestamp = null;
        if ((flags & 0x02) != 0)
        {
            if (!r.TryDateTime("timestamp", out var t))
            {
                return GattDecodeResult<WeightMeasurement>.Failure(r.Error);
            }

            timestamp = t;
        }

        int? user = null;
        if ((flags & 0x04) != 0)
        {
            if (!r.TryU8("userId", out var u))
            {
                return GattDecodeResult<WeightMeasurement>.Failure(r.Error);
            }

            user = u;
        }

        int? bmi = null;
        int? height = null;
        if ((flags & 0x08) != 0)
        {
            if (!r.TryU16("bmi", out var b) || !r.TryU16("height", out var h))
            {
                return GattDecodeResult<WeightMeasurement>.Failure(r.Error);
            }

            bmi = b;
            height = h;
        }

        return r.CheckEnd()
            ? GattDecodeResult<WeightMeasurement>.Success(new WeightMeasurement((flags & 0x01) != 0, weight, timestamp, user, bmi, height))
            : GattDecodeResult<WeightMeasurement>.Failure(r.Error);
    }
}
