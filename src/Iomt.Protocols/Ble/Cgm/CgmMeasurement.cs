using System.Collections.Immutable;
using System.Text.Json;

namespace Iomt.Protocols.Ble.Cgm;

/// <summary>A decoded CGM Measurement notification (0x2AA7): one or more records back to back.</summary>
public readonly record struct CgmMeasurement(ImmutableArray<CgmRecord> Records) : IGattValue
{
    private static readonly string[] StatusNames =
    [
        "session-stopped", "device-battery-low", "sensor-type-incorrect", "sensor-malfunction",
        "device-specific-alert", "general-device-fault",
    ];

    private static readonly string[] CalTempNames =
    [
        "time-synchronization-required", "calibration-not-allowed", "calibration-recommended",
        "calibration-required", "sensor-temperature-too-high", "sensor-temperature-too-low",
    ];

    private static readonly string[] WarningNames =
    [
        "result-below-patient-low", "result-above-patient-high", "result-below-hypo", "result-above-hyper",
        "rate-of-decrease-exceeded", "rate-of-increase-exceeded", "result-below-device-range",
        "result-above-device-range",
    ];

    /// <inheritdoc />
    public string Characteristic => "2AA7";

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("unit", "mg/dL");
        writer.WriteStartArray("records");
        foreach (var rec in Records.IsDefault ? [] : Records)
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", rec.Size);
            GattJson.WriteMedical(writer, "glucose", rec.Glucose);
            writer.WriteNumber("timeOffset_min", rec.TimeOffsetMinutes);
            GattJson.WriteNullableInt(writer, "statusOctet", rec.StatusOctet);
            GattJson.WriteNullableInt(writer, "calTempOctet", rec.CalTempOctet);
            GattJson.WriteNullableInt(writer, "warningOctet", rec.WarningOctet);
            writer.WriteStartArray("annunciations");
            WriteNames(writer, rec.StatusOctet, StatusNames);
            WriteNames(writer, rec.CalTempOctet, CalTempNames);
            WriteNames(writer, rec.WarningOctet, WarningNames);
            writer.WriteEndArray();
            GattJson.WriteMedical(writer, "trend_mgdl_per_min", rec.Trend);
            GattJson.WriteMedical(writer, "quality_percent", rec.Quality);
            GattJson.WriteNullableInt(writer, "e2eCrc", rec.E2eCrc);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        GattJson.WriteObservations(writer, this);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        foreach (var rec in Records.IsDefault ? [] : Records)
        {
            GattJson.AddIfFinite(sink, GattCodes.GlucoseInterstitial, rec.Glucose, rec.Glucose.Value, "mg/dL", null);
        }
    }

    private static void WriteNames(Utf8JsonWriter w, int? octet, string[] names)
    {
        if (octet is not { } bits)
        {
            return;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                w.WriteStringValue(names[i]);
            }
        }
    }
}
