using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Json;

/// <summary>Reads and writes <see cref="FhirDecimal"/> as the exact JSON number text (FHIR R4 §2.6.2 JSON: decimals are JSON numbers, precision is significant).</summary>
public sealed class FhirDecimalConverter : JsonConverter<FhirDecimal>
{
    /// <inheritdoc />
    public override FhirDecimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // FHIR JSON: a decimal written as a string ("72") is invalid, not coerced.
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"expected a JSON number, found {reader.TokenType}");
        }

        return new FhirDecimal(reader.HasValueSequence
            ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
            : Encoding.UTF8.GetString(reader.ValueSpan));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FhirDecimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.Text ?? "0");
    }
}
