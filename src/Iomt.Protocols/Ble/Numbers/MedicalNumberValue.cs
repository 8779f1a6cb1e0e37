using System.Buffers.Binary;
using System.Text.Json;

namespace Iomt.Protocols.Ble.Numbers;

/// <summary>A lone SFLOAT (2 octets) or FLOAT (4 octets), decoded for inspection ("SFLOAT"/"FLOAT" pseudo-characteristics).</summary>
public readonly record struct MedicalNumberValue(bool IsFloat, uint Word, MedicalFloat Number) : IGattValue
{
    /// <inheritdoc />
    public string Characteristic => IsFloat ? "FLOAT" : "SFLOAT";

    /// <summary>Decodes exactly 2 (SFLOAT) or 4 (FLOAT) little-endian octets; never throws.</summary>
    public static GattDecodeResult<MedicalNumberValue> Decode(ReadOnlySpan<byte> value, bool isFloat, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        var r = new GattReader(value, mode);
        MedicalFloat number;
        if (!r.RequireNotEmpty() || !(isFloat ? r.TryFloat("value", out number) : r.TrySFloat("value", out number)))
        {
            return GattDecodeResult<MedicalNumberValue>.Failure(r.Error);
        }

        var word = isFloat ? BinaryPrimitives.ReadUInt32LittleEndian(value) : BinaryPrimitives.ReadUInt16LittleEndian(value);
        return r.CheckEnd()
            ? GattDecodeResult<MedicalNumberValue>.Success(new MedicalNumberValue(isFloat, word, number))
            : GattDecodeResult<MedicalNumberValue>.Failure(r.Error);
    }

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GattJson.WriteMedical(writer, "value", Number);
        GattJson.WriteNullableInt(writer, "mantissa", Number.IsFinite ? Number.Mantissa : null);
        GattJson.WriteNullableInt(writer, "exponent", Number.IsFinite ? Number.Exponent : null);
        writer.WriteString("word", IsFloat ? $"0x{Word:X8}" : $"0x{Word:X4}");
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void AddObservations(ICollection<GattObservation> sink)
    {
        // A bare number has no quantity, so it is never an observation.
    }
}
