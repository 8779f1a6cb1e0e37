using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Identifier: a business identifier in a namespace.</summary>
public sealed record Identifier : FhirElement
{
    /// <summary>usual | official | temp | secondary | old.</summary>
    public string? Use { get; init; }

    /// <summary>Kind of identifier.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>Namespace URI.</summary>
    public string? System { get; init; }

    /// <summary>The identifier.</summary>
    public string? Value { get; init; }

    /// <summary>When the identifier was valid.</summary>
    public Period? Period { get; init; }
}
