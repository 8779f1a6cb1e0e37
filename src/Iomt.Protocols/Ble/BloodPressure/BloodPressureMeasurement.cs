using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.BloodPressure;

/// <summary>A decoded Blood Pressure Measurement (0x2A35); pressures as transmitted, converted to mm[Hg] on demand.</summary>
public readonly record struct BloodPressureMeasurement(
    bool Kilopascal,
    MedicalFloat Systolic,
    MedicalFloat Diastolic,
    MedicalFloat MeanArterial,
    GattDateTime? Timestamp,
    MedicalFloat? PulseRate,
    int? UserId,
    BloodPressureStatus? Status) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => "2A35";

    /// <summary>Systolic pressure in mm[Hg] (NaN/∞ for special values).</summary>
    public double SystolicMmHg => ToMmHg(Systolic);

    /// <summary>Diastolic pressure in mm[Hg].</summary>
    public double DiastolicMmHg => ToMmHg(Diastolic);

    /// <summary>Mean arterial pressure in mm[Hg].</summary>
    public double MeanArterialMmHg => ToMmHg(MeanArterial);

    private double ToMmHg(MedicalFloat v) =>
        Kilopascal ? GattJson.Round4(v.Value * BloodPressureFields.MmHgPerKilopascal) : v.Value;

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GattJson.WriteConverted(writer, "systolic", Systolic, SystolicMmHg);
        GattJson.WriteConverted(writer, "diastolic", Diastolic, DiastolicMmHg);
        GattJson.WriteConverted(writer, "meanArterial", MeanArterial, MeanArterialMmHg);
        writer.WriteString("unit", "mm[Hg]");
        writer.WriteStartObject("raw");
        writer.WriteString("unit", Kilopascal ? "kPa" : "mm[Hg]");
        GattJson.WriteMedical(writer, "systolic", Systolic);
        GattJson.WriteMedical(writer, "diastolic", Diastolic);
        GattJson.WriteMedical(writer, "meanArterial", MeanArterial);
        writer.WriteEndObject();
        BloodPressureFields.WriteTrailer(writer, Timestamp, PulseRate, UserId, Status, this);
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        var time = Timestamp?.ToDateTime();
        GattJson.AddIfFinite(sink, GattCodes.Systolic, Systolic, SystolicMmHg, "mm[Hg]", time);
        GattJson.AddIfFinite(sink, GattCodes.Diastolic, Diastolic, DiastolicMmHg, "mm[Hg]", time);
        GattJson.AddIfFinite(sink, GattCodes.MeanArterial, MeanArterial, MeanArterialMmHg, "mm[Hg]", time);
        if (PulseRate is { } p)
        {
            GattJson.AddIfFinite(sink, GattCodes.HeartRate, p, p.Value, "/min", time);
        }
    }
}
