using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.BloodPressure;

/// <summary>
/// A decoded Intermediate Cuff Pressure (0x2A36): the current cuff pressure during inflation/deflation. It is a
/// progress display only, so it produces no observations (README).
/// </summary>
public readonly record struct IntermediateCuffPressure(
    bool Kilopascal,
    MedicalFloat CuffPressure,
    GattDateTime? Timestamp,
    MedicalFloat? PulseRate,
    int? UserId,
    BloodPressureStatus? Status) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => "2A36";

    /// <summary>Cuff pressure in mm[Hg].</summary>
    public double CuffPressureMmHg =>
        Kilopascal ? GattJson.Round4(CuffPressure.Value * BloodPressureFields.MmHgPerKilopascal) : CuffPressure.Value;

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GattJson.WriteConverted(writer, "cuffPressure", CuffPressure, CuffPressureMmHg);
        writer.WriteString("unit", "mm[Hg]");
        writer.WriteStartObject("raw");
        writer.WriteString("unit", Kilopascal ? "kPa" : "mm[Hg]");
        GattJson.WriteMedical(writer, "cuffPressure", CuffPressure);
        writer.WriteEndObject();
        BloodPressureFields.WriteTrailer(writer, Timestamp, PulseRate, UserId, Status, this);
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        // Progress display only: the final reading arrives as 0x2A35.
    }
}
