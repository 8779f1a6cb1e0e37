using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.Thermometer;

/// <summary>A decoded Temperature Measurement (0x2A1C); <see cref="TemperatureType"/> is the raw type octet when present.</summary>
public readonly record struct TemperatureMeasurement(
    bool Fahrenheit,
    MedicalFloat Temperature,
    GattDateTime? Timestamp,
    int? TemperatureType) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => "2A1C";

    /// <summary>The temperature in Cel ((F − 32) × 5/9 when sent in degF).</summary>
    public double Celsius => Fahrenheit ? GattJson.Round4((Temperature.Value - 32) * 5 / 9) : Temperature.Value;

    /// <summary>The README name of a temperature type (HTS §3.2 / temperature_type): "reserved" for 0 and 10–255.</summary>
    public static string TypeName(int type) => type switch
    {
        1 => "armpit",
        2 => "body-general",
        3 => "ear",
        4 => "finger",
        5 => "gastrointestinal-tract",
        6 => "mouth",
        7 => "rectum",
        8 => "toe",
        9 => "tympanum",
        _ => "reserved",
    };

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GattJson.WriteConverted(writer, "temperature", Temperature, Celsius);
        writer.WriteString("unit", "Cel");
        writer.WriteStartObject("raw");
        writer.WriteString("unit", Fahrenheit ? "[degF]" : "Cel");
        GattJson.WriteMedical(writer, "temperature", Temperature);
        writer.WriteEndObject();
        GattJson.WriteTimestamp(writer, "timestamp", Timestamp);
        GattJson.WriteNullableString(writer, "temperatureType", TemperatureType is { } t ? TypeName(t) : null);
        GattJson.WriteNullableInt(writer, "temperatureTypeCode", TemperatureType);
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink) =>
        GattJson.AddIfFinite(sink, GattCodes.BodyTemperature, Temperature, Celsius, "Cel", Timestamp?.ToDateTime());
}
