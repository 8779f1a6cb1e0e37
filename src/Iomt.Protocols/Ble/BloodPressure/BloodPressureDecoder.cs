namespace Iomt.Protocols.Ble.BloodPressure;

/// <summary>
/// Decodes Blood Pressure Measurement 0x2A35 and Intermediate Cuff Pressure 0x2A36 (BLS 1.0 §3.1–3.2). For 0x2A36
/// the systolic sub-field is the current cuff pressure; diastolic and MAP are unused and skipped without validation.
/// </summary>
public static class BloodPressureDecoder
{
    private static readonly string[] MeasurementFields = ["systolic", "diastolic", "meanArterial"];
    private static readonly string[] CuffFields = ["cuffPressure", "unusedDiastolic", "unusedMeanArterial"];

    /// <summary>Decodes a 0x2A35 value; never throws.</summary>
    public static GattDecodeResult<BloodPressureMeasurement> DecodeMeasurement(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!BloodPressureFields.TryRead(ref r, MeasurementFields, out var f))
        {
            return GattDecodeResult<BloodPressureMeasurement>.Failure(r.Error);
        }

        return GattDecodeResult<BloodPressureMeasurement>.Success(
            new BloodPressureMeasurement(f.Kilopascal, f.First, f.Second, f.Third, f.Timestamp, f.PulseRate, f.UserId, f.Status));
    }

    /// <summary>Decodes a 0x2A36 value; never throws.</summary>
    public static GattDecodeResult<IntermediateCuffPressure> DecodeIntermediateCuffPressure(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        if (!BloodPressureFields.TryRead(ref r, CuffFields, out var f))
        {
            return GattDecodeResult<IntermediateCuffPressure>.Failure(r.Error);
        }

        return GattDecodeResult<IntermediateCuffPressure>.Success(
            new IntermediateCuffPressure(f.Kilopascal, f.First, f.Timestamp, f.PulseRate, f.UserId, f.Status));
    }
}
