using System.Text.Json;

namespace Iomt.Protocols.Ble.PulseOximeter;

/// <summary>A decoded PLX Continuous Measurement (0x2A5F); only the Normal pair produces observations (README).</summary>
public readonly record struct PlxContinuousMeasurement(
    PlxReading Normal,
    PlxReading? Fast,
    PlxReading? Slow,
    int? MeasurementStatus,
    int? DeviceSensorStatus,
    Numbers.MedicalFloat? PulseAmplitudeIndex) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => "2A5F";

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WritePair(writer, "normal", Normal);
        WritePair(writer, "fast", Fast);
        WritePair(writer, "slow", Slow);
        writer.WriteString("spo2Unit", "%");
        writer.WriteString("pulseRateUnit", "/min");
        GattJson.WriteBitField(writer, "measurementStatus", MeasurementStatus, PlxStatus.MeasurementStatusNames, 5);
        GattJson.WriteBitField(writer, "deviceSensorStatus", DeviceSensorStatus, PlxStatus.DeviceSensorStatusNames);
        GattJson.WriteMedical(writer, "pulseAmplitudeIndex_percent", PulseAmplitudeIndex);
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        GattJson.AddIfFinite(sink, GattCodes.Spo2, Normal.Spo2, Normal.Spo2.Value, "%", null);
        GattJson.AddIfFinite(sink, GattCodes.PulseRateOximetry, Normal.PulseRate, Normal.PulseRate.Value, "/min", null);
    }

    private static void WritePair(Utf8JsonWriter w, string name, PlxReading? pair)
    {
        if (pair is not { } p)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        GattJson.WriteMedical(w, "spo2", p.Spo2);
        GattJson.WriteMedical(w, "pulseRate", p.PulseRate);
        w.WriteEndObject();
    }
}
