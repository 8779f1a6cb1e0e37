using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>A resource of a type this model does not hold (e.g. DiagnosticReport in a Bundle), kept as raw JSON.</summary>
public sealed record UnknownResource(string TypeName, JsonElement Json) : Resource
{
    /// <inheritdoc />
    public override string ResourceType => TypeName;
}
