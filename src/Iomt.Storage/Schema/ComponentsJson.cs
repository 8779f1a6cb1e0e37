using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Iomt.Core.Measurements;

namespace Iomt.Storage.Schema;

/// <summary>
/// Panel components as compact JSON text <c>[{"s":system,"c":code,"v":value,"u":unit}]</c>; doubles are written
/// in their shortest round-trip form so they read back bit-equal.
/// </summary>
public static class ComponentsJson
{
    /// <summary>The JSON text, or null for a scalar reading.</summary>
    public static string? Write(ImmutableArray<MeasurementComponent> components)
    {
        if (components.IsDefaultOrEmpty)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var component in components)
            {
                writer.WriteStartObject();
                writer.WriteString("s", component.Code.System);
                writer.WriteString("c", component.Code.Code);
                writer.WriteNumber("v", component.Value);
                writer.WriteString("u", component.Unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The components of stored JSON text (empty for null).</summary>
    public static ImmutableArray<MeasurementComponent> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var builder = ImmutableArray.CreateBuilder<MeasurementComponent>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            builder.Add(new MeasurementComponent(
                new ObservationCode(item.GetProperty("s").GetString()!, item.GetProperty("c").GetString()!),
                item.GetProperty("v").GetDouble(),
                item.GetProperty("u").GetString()!));
        }

        return builder.MoveToImmutable();
    }
}
