using System.Globalization;
using Iomt.Protocols.Ble.BloodPressure;
using Iomt.Protocols.Ble.Cgm;
using Iomt.Protocols.Ble.Glucose;
using Iomt.Protocols.Ble.HeartRate;
using Iomt.Protocols.Ble.Numbers;
using Iomt.Protocols.Ble.PulseOximeter;
using Iomt.Protocols.Ble.Thermometer;
using Iomt.Protocols.Ble.WeightScale;

namespace Iomt.Protocols.Ble;

/// <summary>
/// The characteristics this platform decodes, by 16-bit UUID, and a decoder that dispatches on the UUID. Accepts
/// "2A37", "0x2a37" or the full Bluetooth base UUID form "00002a37-0000-1000-8000-00805f9b34fb".
/// </summary>
public static class GattCharacteristics
{
    private const string BaseUuidSuffix = "-0000-1000-8000-00805F9B34FB";

    /// <summary>Supported UUIDs and their names, in README order.</summary>
    public static IReadOnlyList<(string Uuid, string Name)> Supported { get; } =
    [
        ("2A37", "Heart Rate Measurement"),
        ("2A35", "Blood Pressure Measurement"),
        ("2A36", "Intermediate Cuff Pressure"),
        ("2A1C", "Temperature Measurement"),
        ("2A9D", "Weight Measurement"),
        ("2A18", "Glucose Measurement"),
        ("2A5E", "PLX Spot-check Measurement"),
        ("2A5F", "PLX Continuous Measurement"),
        ("2AA7", "CGM Measurement"),
        ("SFLOAT", "IEEE 11073-20601 SFLOAT (one number)"),
        ("FLOAT", "IEEE 11073-20601 FLOAT (one number)"),
    ];

    /// <summary>The canonical upper-case 16-bit form of <paramref name="uuid"/>, or null when it is not a UUID we know.</summary>
    public static string? Normalize(string? uuid)
    {
        if (string.IsNullOrWhiteSpace(uuid))
        {
            return null;
        }

        // Fast path without allocation: the id as forwarded is usually already "2A37" or "2a37".
        foreach (var (id, _) in Supported)
        {
            if (string.Equals(id, uuid, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        var u = uuid.Trim().ToUpperInvariant();
        if (u.StartsWith("0X", StringComparison.Ordinal))
        {
            u = u[2..];
        }

        if (u.Length == 36 && u.StartsWith("0000", StringComparison.Ordinal) && u.EndsWith(BaseUuidSuffix, StringComparison.Ordinal))
        {
            u = u[4..8];
        }

        if (u.Length is > 0 and <= 4 && uint.TryParse(u, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n))
        {
            u = n.ToString("X4", CultureInfo.InvariantCulture);
        }

        foreach (var (id, _) in Supported)
        {
            if (id == u)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Decodes <paramref name="value"/> as the characteristic <paramref name="uuid"/>; never throws.</summary>
    public static GattDecodeResult<IGattValue> Decode(string? uuid, ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict) =>
        Normalize(uuid) switch
        {
            "2A37" => Box(HeartRateMeasurementDecoder.Decode(value, mode)),
            "2A35" => Box(BloodPressureDecoder.DecodeMeasurement(value, mode)),
            "2A36" => Box(BloodPressureDecoder.DecodeIntermediateCuffPressure(value, mode)),
            "2A1C" => Box(TemperatureMeasurementDecoder.Decode(value, mode)),
            "2A9D" => Box(WeightMeasurementDecoder.Decode(value, mode)),
            "2A18" => Box(GlucoseMeasurementDecoder.Decode(value, mode)),
            "2A5E" => Box(PlxDecoder.DecodeSpotCheck(value, mode)),
            "2A5F" => Box(PlxDecoder.DecodeContinuous(value, mode)),
            "2AA7" => Box(CgmMeasurementDecoder.Decode(value, mode)),
            "SFLOAT" => Box(MedicalNumberValue.Decode(value, isFloat: false, mode)),
            "FLOAT" => Box(MedicalNumberValue.Decode(value, isFloat: true, mode)),
            _ => GattDecodeResult<IGattValue>.Failure(new GattError(GattErrorReason.UnsupportedCharacteristic, "characteristic", 0,
                $"characteristic '{uuid}' is not supported (supported: {string.Join(", ", Supported.Select(s => s.Uuid))})")),
        };

    private static GattDecodeResult<IGattValue> Box<T>(GattDecodeResult<T> result)
        where T : IGattValue =>
        result.TryGetValue(out var v) ? GattDecodeResult<IGattValue>.Success(v) : GattDecodeResult<IGattValue>.Failure(result.Error!.Value);
}
