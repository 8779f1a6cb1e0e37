using System.Text.Json;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble;

/// <summary>Shared pieces of the canonical JSON: medical numbers (special values as strings), conversions, observations.</summary>
internal static class GattJson
{
    /// <summary>Converted values are rounded half-even to 4 decimal places, as the README's expected values are.</summary>
    public static double Round4(double value) => Math.Round(value, 4, MidpointRounding.ToEven);

    public static void WriteMedical(Utf8JsonWriter w, string name, MedicalFloat value)
    {
        if (value.SpecialName is { } special)
        {
            w.WriteString(name, special);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    public static void WriteMedical(Utf8JsonWriter w, string name, MedicalFloat? value)
    {
        if (value is { } v)
        {
            WriteMedical(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a unit-converted value: the special name, or the converted number.</summary>
    public static void WriteConverted(Utf8JsonWriter w, string name, MedicalFloat value, double converted)
    {
        if (value.SpecialName is { } special)
        {
            w.WriteString(name, special);
        }
        else
        {
            w.WriteNumber(name, converted);
        }
    }

    public static void WriteNullableInt(Utf8JsonWriter w, string name, int? value)
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

    public static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    public static void WriteTimestamp(Utf8JsonWriter w, string name, GattDateTime? value) =>
        WriteNullableString(w, name, value?.ToIso());

    /// <summary>Writes {"raw": n, "flags": [names of the set bits]} where names[i] is bit firstBit + i.</summary>
    public static void WriteBitField(Utf8JsonWriter w, string name, int? raw, ReadOnlySpan<string> names, int firstBit = 0)
    {
        if (raw is not { } r)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("raw", r);
        w.WriteStartArray("flags");
        for (var i = 0; i < names.Length; i++)
        {
            if ((r & (1 << (firstBit + i))) != 0)
            {
                w.WriteStringValue(names[i]);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteObservations(Utf8JsonWriter w, IGattValue value)
    {
        var list = new List<GattObservation>(4);
        value.AddObservations(list);
        w.WriteStartArray("measurements");
        foreach (var o in list)
        {
            w.WriteStartObject();
            w.WriteString("code", o.Code.Code);
            w.WriteString("system", o.Code.System);
            w.WriteNumber("value", o.Value);
            w.WriteString("unit", o.Unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void AddIfFinite(ICollection<GattObservation> sink, Iomt.Core.Measurements.ObservationCode code, MedicalFloat raw, double canonical, string unit, DateTime? time)
    {
        if (raw.IsFinite)
        {
            sink.Add(new GattObservation(code, canonical, unit, time));
        }
    }
}
