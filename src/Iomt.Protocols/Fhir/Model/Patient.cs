using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Patient: the elements the platform reads; the rest is kept verbatim.</summary>
public sealed record Patient : Resource
{
    /// <inheritdoc />
    public override string ResourceType => "Patient";

    /// <summary>Business identifiers (MRN...).</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>Whether the record is in use.</summary>
    public bool? Active { get; init; }

    /// <summary>Names.</summary>
    public IReadOnlyList<HumanName>? Name { get; init; }

    /// <summary>male | female | other | unknown.</summary>
    public string? Gender { get; init; }

    /// <summary>Date of birth.</summary>
    public string? BirthDate { get; init; }
}
