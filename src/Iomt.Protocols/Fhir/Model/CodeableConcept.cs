using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 CodeableConcept: codings plus text.</summary>
public sealed record CodeableConcept : FhirElement
{
    /// <summary>Codes for the concept.</summary>
    public IReadOnlyList<Coding>? Coding { get; init; }

    /// <summary>Plain text of the concept.</summary>
    public string? Text { get; init; }
}
