namespace Iomt.Protocols.Ble.PulseOximeter;

/// <summary>
/// Decodes PLX Spot-check Measurement 0x2A5E and PLX Continuous Measurement 0x2A5F (PLXS 1.0.1 §3.1–3.2, tables
/// 3.2–3.7): SFLOAT SpO2 and pulse-rate pairs, optional time stamp, 16-bit measurement status (bits 0–4 RFU), 24-bit
/// device and sensor status (bits 16–23 RFU) and SFLOAT pulse amplitude index.
/// </summary>
public static class PlxDecoder
{
    private const int ReservedFlags = 0xE0;

    /// <summary>Decodes a 0x2A5E value; never throws.</summary>
    public static GattDecodeResult<PlxSpotCheckMeasurement> DecodeSpotCheck(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !r.TrySFloat("spo2", out var spo2) || !r.TrySFloat("pulseRate", out var pulse))
        {
            return GattDecodeResult<PlxSpotCheckMeasurement>.Failure(r.Error);
        }

        GattDateTime? timestamp = null;
        if ((flags & 0x01) != 0)
        {
            if (!r.TryDateTime("timestamp", out var t))
            {
                return GattDecodeResult<PlxSpotCheckMeasurement>.Failure(r.Error);
            }

            timestamp = t;
        }

        if (!TryReadTail(ref r, flags, 0x02, 0x04, 0x08, out var ms, out var dss, out var pai))
        {
            return GattDecodeResult<PlxSpotCheckMeasurement>.Failure(r.Error);
        }

        return GattDecodeResult<PlxSpotCheckMeasurement>.Success(
            new PlxSpotCheckMeasurement(spo2, pulse, timestamp, (flags & 0x10) != 0, ms, dss, pai));
    }

    /// <summary>Decodes a 0x2A5F value; never throws.</summary>
    public static GattDecodeResult<PlxContinuousMeasurement> DecodeContinuous(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!r.RequireNotEmpty() || !r.TryU8("flags", out var flags) || !r.CheckReservedBits("flags", 0, flags, ReservedFlags)
            || !TryReadPair(ref r, "normal", "normal.spo2", "normal.pulseRate", out var normal))
        {
            return GattDecodeResult<PlxContinuousMeasurement>.Failure(r.Error);
        }

        PlxReading? fast = null;
        PlxReading? slow = null;
        if ((flags & 0x01) != 0)
        {
            if (!TryReadPair(ref r, "fast", "fast.spo2", "fast.pulseRate", out var f))
            {
                return GattDecodeResult<PlxContinuousMeasurement>.Failure(r.Error);
            }

            fast = f;
        }

        if ((flags & 0x02) != 0)
        {
            if (!TryReadPair(ref r, "slow", "slow.spo2", "slow.pulseRate", out var s))
            {
                return GattDecodeResult<PlxContinuousMeasurement>.Failure(r.Error);
            }

            slow = s;
        }

        if (!TryReadTail(ref r, flags, 0x04, 0x08, 0x10, out var ms, out var dss, out var pai))
        {
            return GattDecodeResult<PlxContinuousMeasurement>.Failure(r.Error);
        }

        return GattDecodeResult<PlxContinuousMeasurement>.Success(new PlxContinuousMeasurement(normal, fast, slow, ms, dss, pai));
    }

    private static bool TryReadPair(ref GattReader r, string name, string spo2Field, string pulseField, out PlxReading pair)
    {
        pair = default;
        if (!r.Need(name, 4) || !r.TrySFloat(spo2Field, out var spo2) || !r.TrySFloat(pulseField, out var pulse))
        {
            return false;
        }

        pair = new PlxReading(spo2, pulse);
        return true;
    }

    private static bool TryReadTail(ref GattReader r, int flags, int msBit, int dssBit, int paiBit, out int? ms, out int? dss, out Numbers.MedicalFloat? pai)
    {
        ms = null;
        dss = null;
        pai = null;
        if ((flags & msBit) != 0)
        {
            if (!PlxStatus.TryReadMeasurementStatus(ref r, out var m))
            {
                return false;
            }

            ms = m;
        }

        if ((flags & dssBit) != 0)
        {
            if (!PlxStatus.TryReadDeviceSensorStatus(ref r, out var d))
            {
                return false;
            }

            dss = d;
        }

        if ((flags & paiBit) != 0)
        {
            if (!r.TrySFloat("pulseAmplitudeIndex", out var p))
            {
                return false;
            }

            pai = p;
        }

        return r.CheckEnd();
    }
}
