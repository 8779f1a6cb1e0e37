using System.Collections.Immutable;
using System.Text.Json;

namespace Iomt.Protocols.Ble.HeartRate;

/// <summary>A decoded Heart Rate Measurement (0x2A37).</summary>
public readonly record struct HeartRateMeasurement(
    int HeartRate,
    SensorContact SensorContact,
    int? EnergyExpendedKilojoules,
    ImmutableArray<ushort> RrIntervalsRaw) : IGattValue
{
    /// <summary>RR intervals are sent in units of 1/1024 s (HRS §3.1.1.5).</summary>
    public const double RrTicksPerSecond = 1024.0;

    /// <inheritdoc />
    public string Characteristic => "2A37";

    /// <summary>The RR interval at <paramref name="index"/> in seconds.</summary>
    public double RrIntervalSeconds(int index) => RrIntervalsRaw[index] / RrTicksPerSecond;

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("heartRate", HeartRate);
        writer.WriteString("unit", "/min");
        writer.WriteString("sensorContact", SensorContact switch
        {
            SensorContact.Detected => "detected",
            SensorContact.NotDetected => "not-detected",
            _ => "not-supported",
        });
        GattJson.WriteNullableInt(writer, "energyExpended_kJ", EnergyExpendedKilojoules);
        var rr = RrIntervalsRaw.IsDefault ? [] : RrIntervalsRaw;
        writer.WriteStartArray("rrIntervals_s");
        foreach (var r in rr)
        {
            writer.WriteNumberValue(r / RrTicksPerSecond);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rrIntervalsRaw");
        foreach (var r in rr)
        {
            writer.WriteNumberValue(r);
        }

        writer.WriteEndArray();
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        sink.Add(new GattObservation(GattCodes.HeartRate, HeartRate, "/min"));
        if (RrIntervalsRaw.IsDefault)
        {
            return;
        }

        foreach (var r in RrIntervalsRaw)
        {
            sink.Add(new GattObservation(GattCodes.RrInterval, r / RrTicksPerSecond, "s"));
        }
    }
}
