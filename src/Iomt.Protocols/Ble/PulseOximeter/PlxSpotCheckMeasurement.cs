using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.PulseOximeter;

/// <summary>A decoded PLX Spot-check Measurement (0x2A5E).</summary>
public readonly record struct PlxSpotCheckMeasurement(
    MedicalFloat Spo2,
    MedicalFloat PulseRate,
    GattDateTime? Timestamp,
    bool DeviceClockNotSet,
    int? MeasurementStatus,
    int? DeviceSensorStatus,
    MedicalFloat? PulseAmplitudeIndex) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => "2A5E";

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GattJson.WriteMedical(writer, "spo2", Spo2);
        GattJson.WriteMedical(writer, "pulseRate", PulseRate);
        writer.WriteString("spo2Unit", "%");
        writer.WriteString("pulseRateUnit", "/min");
        GattJson.WriteTimestamp(writer, "timestamp", Timestamp);
        writer.WriteBoolean("deviceClockNotSet", DeviceClockNotSet);
        GattJson.WriteBitField(writer, "measurementStatus", MeasurementStatus, PlxStatus.MeasurementStatusNames, 5);
        GattJson.WriteBitField(writer, "deviceSensorStatus", DeviceSensorStatus, PlxStatus.DeviceSensorStatusNames);
        GattJson.WriteMedical(writer, "pulseAmplitudeIndex_percent", PulseAmplitudeIndex);
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        // A time stamp from a clock the device says is not set is not trusted.
        var time = DeviceClockNotSet ? null : Timestamp?.ToDateTime();
        GattJson.AddIfFinite(sink, GattCodes.Spo2, Spo2, Spo2.Value, "%", time);
        GattJson.AddIfFinite(sink, GattCodes.PulseRateOximetry, PulseRate, PulseRate.Value, "/min", time);
    }
}
