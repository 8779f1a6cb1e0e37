using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Reference: a literal reference, a logical identifier, and/or a display text.</summary>
public sealed record ResourceReference : FhirElement
{
    /// <summary>Literal reference: relative (Patient/123), absolute URL or urn:uuid.</summary>
    [JsonPropertyName("reference")]
    public string? Target { get; init; }

    /// <summary>Type the reference refers to (e.g. Patient).</summary>
    public string? Type { get; init; }

    /// <summary>Logical reference by business identifier.</summary>
    public Identifier? Identifier { get; init; }

    /// <summary>Text alternative.</summary>
    public string? Display { get; init; }
}
