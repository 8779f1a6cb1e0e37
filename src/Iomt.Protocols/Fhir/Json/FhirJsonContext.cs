using System.Text.Json;
using System.Text.Json.Serialization;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Json;

/// <summary>System.Text.Json source-generated metadata for the FHIR R4 model (FHIR JSON: camelCase, absent = omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(FhirResourceConverter)])]
[JsonSerializable(typeof(Observation))]
[JsonSerializable(typeof(Patient))]
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(Bundle))]
[JsonSerializable(typeof(OperationOutcome))]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class FhirJsonContext : JsonSerializerContext;
