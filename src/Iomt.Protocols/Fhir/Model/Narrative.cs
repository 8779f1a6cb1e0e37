using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Narrative: generated or authored XHTML text.</summary>
public sealed record Narrative : FhirElement
{
    /// <summary>generated | extensions | additional | empty.</summary>
    public string? Status { get; init; }

    /// <summary>Limited XHTML content.</summary>
    public string? Div { get; init; }
}
