using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.Glucose;

/// <summary>
/// A decoded Glucose Measurement (0x2A18). <see cref="Concentration"/> is in kg/L or mol/L as sent (null when the
/// flags declare no concentration); type and sample location are the raw nibbles.
/// </summary>
public readonly record struct GlucoseMeasurement(
    int SequenceNumber,
    GattDateTime BaseTime,
    int? TimeOffsetMinutes,
    bool MolPerLitre,
    MedicalFloat? Concentration,
    int? SampleType,
    int? SampleLocation,
    int? SensorStatus,
    bool ContextFollows) : IGattValue
{
    /// <summary>1 kg/L = 10^6 mg / 10 dL.</summary>
    public const double MgPerDlPerKgPerLitre = 100_000;

    /// <summary>Glucose 180.16 g/mol: 1 mol/L = 18016 mg/dL (README factor; 18 or 18.02 fail the vectors).</summary>
    public const double MgPerDlPerMolPerLitre = 18_016;

    private static readonly string[] SensorStatusNames =
    [
        "device-battery-low", "sensor-malfunction", "sample-size-insufficient", "strip-insertion-error",
        "strip-type-incorrect", "result-above-device-range", "result-below-device-range",
        "sensor-temperature-too-high", "sensor-temperature-too-low", "read-interrupted",
        "general-device-fault", "time-fault",
    ];

    /// <inheritdoc />
    public string Characteristic => "2A18";

    /// <summary>Base time plus the sint16 time offset (local, no zone), or null when the base date is not known.</summary>
    public DateTime? EffectiveTime => BaseTime.ToDateTime()?.AddMinutes(TimeOffsetMinutes ?? 0);

    /// <summary>The concentration in mg/dL, null when absent.</summary>
    public double? MgPerDl => Concentration is { } c
        ? GattJson.Round4(c.Value * (MolPerLitre ? MgPerDlPerMolPerLitre : MgPerDlPerKgPerLitre))
        : null;

    /// <summary>README names of the type nibble (GLS 1.0 §3.106): "reserved" for 0 and 11–15.</summary>
    public static string TypeName(int type) => type switch
    {
        1 => "capillary-whole-blood",
        2 => "capillary-plasma",
        3 => "venous-whole-blood",
        4 => "venous-plasma",
        5 => "arterial-whole-blood",
        6 => "arterial-plasma",
        7 => "undetermined-whole-blood",
        8 => "undetermined-plasma",
        9 => "interstitial-fluid",
        10 => "control-solution",
        _ => "reserved",
    };

    /// <summary>README names of the sample-location nibble: "reserved" for 0 and 5–14.</summary>
    public static string LocationName(int location) => location switch
    {
        1 => "finger",
        2 => "alternate-site-test",
        3 => "earlobe",
        4 => "control-solution",
        15 => "not-available",
        _ => "reserved",
    };

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequenceNumber", SequenceNumber);
        GattJson.WriteTimestamp(writer, "baseTime", BaseTime);
        GattJson.WriteNullableInt(writer, "timeOffset_min", TimeOffsetMinutes);
        GattJson.WriteNullableString(writer, "effectiveTime", EffectiveTime is { } t ? GattDateTime.FormatIso(t) : null);
        if (Concentration is { } c)
        {
            GattJson.WriteConverted(writer, "glucose", c, MgPerDl ?? double.NaN);
        }
        else
        {
            writer.WriteNull("glucose");
        }

        writer.WriteString("unit", "mg/dL");
        if (Concentration is { } raw)
        {
            writer.WriteStartObject("raw");
            writer.WriteString("unit", MolPerLitre ? "mol/L" : "kg/L");
            GattJson.WriteMedical(writer, "concentration", raw);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("raw");
        }

        GattJson.WriteNullableString(writer, "sampleType", SampleType is { } st ? TypeName(st) : null);
        GattJson.WriteNullableInt(writer, "sampleTypeCode", SampleType);
        GattJson.WriteNullableString(writer, "sampleLocation", SampleLocation is { } sl ? LocationName(sl) : null);
        GattJson.WriteNullableInt(writer, "sampleLocationCode", SampleLocation);
        GattJson.WriteBitField(writer, "sensorStatus", SensorStatus, SensorStatusNames);
        writer.WriteBoolean("contextFollows", ContextFollows);
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        if (Concentration is not { IsFinite: true } || MgPerDl is not { } mgdl)
        {
            return;
        }

        // Control solution (type 10 or location 4) is a meter QC check, not a patient value.
        var type = SampleType ?? 0;
        if (type == 10 || SampleLocation == 4)
        {
            return;
        }

        var code = type switch
        {
            1 or 2 => GattCodes.GlucoseCapillary,
            9 => GattCodes.GlucoseInterstitial,
            _ => GattCodes.GlucoseBlood,
        };
        sink.Add(new GattObservation(code, mgdl, "mg/dL", EffectiveTime));
    }
}
