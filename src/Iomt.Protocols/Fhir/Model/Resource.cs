using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>Base of every FHIR R4 resource (Resource + DomainResource elements).</summary>
public abstract record Resource : FhirElement
{
    /// <summary>The resource type name, e.g. Observation.</summary>
    [JsonPropertyName("resourceType")]
    [JsonPropertyOrder(-10)]
    public abstract string ResourceType { get; }

    /// <summary>Logical id.</summary>
    [JsonPropertyOrder(-9)]
    public string? Id { get; init; }

    /// <summary>Metadata (profiles, version).</summary>
    [JsonPropertyOrder(-8)]
    public Meta? Meta { get; init; }

    /// <summary>Human-readable narrative.</summary>
    [JsonPropertyOrder(-7)]
    public Narrative? Text { get; init; }

    /// <summary>Contained resources, kept verbatim.</summary>
    [JsonPropertyOrder(-6)]
    public IReadOnlyList<JsonElement>? Contained { get; init; }
}
