using System.Text.Encodings.Web;
using System.Text.Json;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Json;

/// <summary>
/// Parses and writes FHIR R4 JSON resources. Parsing returns a result: malformed JSON, a wrong
/// <c>resourceType</c> or a JSON type error becomes an <see cref="FhirIssue"/> naming the FHIR path.
/// </summary>
public static class FhirJson
{
    /// <summary>Largest nesting FHIR resources need here; deeper input is rejected, not recursed into.</summary>
    public const int MaxDepth = 64;

    /// <summary>The source-generated context with FHIR's JSON settings.</summary>
    public static FhirJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FhirResourceConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    });

    /// <summary>Reads the top-level <c>resourceType</c> without materialising anything; also checks the JSON is well formed.</summary>
    public static FhirResult<string> PeekResourceType(ReadOnlySpan<byte> json)
    {
        string? type = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FhirIssue.Structure(null, "the body must be a JSON object (a FHIR resource)");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("resourceType"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                return FhirIssue.Structure(null, "unexpected data after the resource");
            }
        }
        catch (JsonException ex)
        {
            return FhirIssue.Structure(null, $"malformed JSON: {TrimMessage(ex.Message)}");
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString reports invalid UTF-8 inside a string this way.
            return FhirIssue.Structure(null, $"malformed JSON: {ex.Message}");
        }

        return type is null
            ? FhirIssue.Required("resourceType", "resourceType is required")
            : FhirResult<string>.Ok(type);
    }

    /// <summary>Parses an Observation.</summary>
    public static FhirResult<Observation> ParseObservation(ReadOnlySpan<byte> json) => Parse(json, "Observation", Context.Observation);

    /// <summary>Parses a Bundle.</summary>
    public static FhirResult<Bundle> ParseBundle(ReadOnlySpan<byte> json) => Parse(json, "Bundle", Context.Bundle);

    /// <summary>Parses any resource, into its model type or <see cref="UnknownResource"/>.</summary>
    public static FhirResult<Resource> ParseResource(ReadOnlySpan<byte> json)
    {
        var peek = PeekResourceType(json);
        if (!peek.IsSuccess)
        {
            return peek.Issues;
        }

        return peek.Value switch
        {
            "Observation" => Parse(json, "Observation", Context.Observation).Map<Resource>(),
            "Bundle" => Parse(json, "Bundle", Context.Bundle).Map<Resource>(),
            "Patient" => Parse(json, "Patient", Context.Patient).Map<Resource>(),
            "Device" => Parse(json, "Device", Context.Device).Map<Resource>(),
            "OperationOutcome" => Parse(json, "OperationOutcome", Context.OperationOutcome).Map<Resource>(),
            _ => Parse(json, peek.Value, Context.Resource),
        };
    }

    /// <summary>Writes a resource as FHIR JSON (UTF-8).</summary>
    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Context.Resource);

    /// <summary>Writes a resource as FHIR JSON text.</summary>
    public static string SerializeToString(Resource resource) => JsonSerializer.Serialize(resource, Context.Resource);

    private static FhirResult<T> Parse<T>(ReadOnlySpan<byte> json, string expectedType, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var peek = PeekResourceType(json);
        if (!peek.IsSuccess)
        {
            return peek.Issues;
        }

        if (peek.Value != expectedType)
        {
            return FhirIssue.Invalid($"{expectedType}.resourceType", $"expected resourceType '{expectedType}', found '{peek.Value}'");
        }

        try
        {
            var value = JsonSerializer.Deserialize(json, typeInfo);
            return value is null ? FhirIssue.Structure(expectedType, "null resource") : FhirResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            // The serializer reports a JSON path ($.valueQuantity.value); FHIR names it Observation.valueQuantity.value.
            return FhirIssue.Structure(FhirPaths.FromJsonPath(expectedType, ex.Path), TrimMessage(ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            return FhirIssue.Structure(expectedType, TrimMessage(ex.Message));
        }
    }

    private static string TrimMessage(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
