using System.Text.Json;
using System.Text.Json.Serialization;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Json;

/// <summary>
/// Reads a resource whose type is only known from its <c>resourceType</c> (Bundle.entry.resource,
/// Bundle.entry.response.outcome) into the matching model type, or into <see cref="UnknownResource"/>
/// when the model has none, so every resource in a Bundle round-trips.
/// </summary>
public sealed class FhirResourceConverter : JsonConverter<Resource>
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(Resource);

    /// <inheritdoc />
    public override Resource? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"a resource must be a JSON object, found {reader.TokenType}");
        }

        var element = JsonElement.ParseValue(ref reader);
        if (!element.TryGetProperty("resourceType", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("resource without resourceType");
        }

        var context = FhirJson.Context;
        return typeProperty.GetString() switch
        {
            "Observation" => element.Deserialize(context.Observation),
            "Patient" => element.Deserialize(context.Patient),
            "Device" => element.Deserialize(context.Device),
            "Bundle" => element.Deserialize(context.Bundle),
            "OperationOutcome" => element.Deserialize(context.OperationOutcome),
            var other => new UnknownResource(other!, element),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Resource value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var context = FhirJson.Context;
        switch (value)
        {
            case Observation o: JsonSerializer.Serialize(writer, o, context.Observation); break;
            case Patient p: JsonSerializer.Serialize(writer, p, context.Patient); break;
            case Device d: JsonSerializer.Serialize(writer, d, context.Device); break;
            case Bundle b: JsonSerializer.Serialize(writer, b, context.Bundle); break;
            case OperationOutcome oo: JsonSerializer.Serialize(writer, oo, context.OperationOutcome); break;
            case UnknownResource u: u.Json.WriteTo(writer); break;
            default: throw new NotSupportedException($"no JSON writer for {value.GetType().Name}");
        }
    }
}
