using System.Text.Json;

namespace Iomt.Protocols.Ble.WeightScale;

/// <summary>
/// A decoded Weight Measurement (0x2A9D) with the transmitted integer fields: weight in 0.005 kg (SI) or 0.01 lb
/// (imperial), BMI in 0.1, height in 0.001 m or 0.1 in. Weight 0xFFFF means "Measurement Unsuccessful".
/// </summary>
public readonly record struct WeightMeasurement(
    bool Imperial,
    int WeightRaw,
    GattDateTime? Timestamp,
    int? UserId,
    int? BmiRaw,
    int? HeightRaw) : IGattValue
{
    /// <summary>The raw weight value meaning "Measurement Unsuccessful" (WSS 1.0 §3.2.1).</summary>
    public const int Unsuccessful = 0xFFFF;

    /// <summary>1 lb = 0.45359237 kg (exact).</summary>
    public const double KilogramsPerPound = 0.45359237;

    /// <summary>1 in = 2.54 cm (exact).</summary>
    public const double CentimetresPerInch = 2.54;

    /// <inheritdoc />
    public string Characteristic => "2A9D";

    /// <summary>True when the scale reported Measurement Unsuccessful.</summary>
    public bool MeasurementUnsuccessful => WeightRaw == Unsuccessful;

    /// <summary>The weight in the transmitted unit (kg or lb), null when unsuccessful.</summary>
    public double? WeightAsSent => MeasurementUnsuccessful ? null : Imperial ? WeightRaw / 100.0 : WeightRaw / 200.0;

    /// <summary>The weight in kg, null when unsuccessful.</summary>
    public double? WeightKilograms => WeightAsSent is { } w ? (Imperial ? GattJson.Round4(w * KilogramsPerPound) : w) : null;

    /// <summary>BMI (kg/m2), null when absent.</summary>
    public double? Bmi => BmiRaw / 10.0;

    /// <summary>Height in the transmitted unit (m or in), null when absent.</summary>
    public double? HeightAsSent => HeightRaw is { } h ? (Imperial ? h / 10.0 : h / 1000.0) : null;

    /// <summary>Height in cm, null when absent.</summary>
    public double? HeightCentimetres => HeightRaw is { } h ? (Imperial ? GattJson.Round4(h / 10.0 * CentimetresPerInch) : h / 10.0) : null;

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteNullableNumber(writer, "weight", WeightKilograms);
        writer.WriteString("unit", "kg");
        writer.WriteBoolean("measurementUnsuccessful", MeasurementUnsuccessful);
        writer.WriteStartObject("raw");
        writer.WriteString("weightUnit", Imperial ? "[lb_av]" : "kg");
        WriteNullableNumber(writer, "weight", WeightAsSent);
        writer.WriteString("heightUnit", Imperial ? "[in_i]" : "m");
        WriteNullableNumber(writer, "height", HeightAsSent);
        writer.WriteEndObject();
        GattJson.WriteTimestamp(writer, "timestamp", Timestamp);
        GattJson.WriteNullableInt(writer, "userId", UserId);
        WriteNullableNumber(writer, "bmi", Bmi);
        WriteNullableNumber(writer, "height_cm", HeightCentimetres);
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        var time = Timestamp?.ToDateTime();
        if (WeightKilograms is { } kg)
        {
            sink.Add(new GattObservation(GattCodes.BodyWeight, kg, "kg", time));
        }

        if (Bmi is { } bmi)
        {
            sink.Add(new GattObservation(GattCodes.Bmi, bmi, "kg/m2", time));
        }

        if (HeightCentimetres is { } cm)
        {
            sink.Add(new GattObservation(GattCodes.BodyHeight, cm, "cm", time));
        }
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
