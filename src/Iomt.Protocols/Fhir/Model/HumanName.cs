using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 HumanName.</summary>
public sealed record HumanName : FhirElement
{
    /// <summary>usual | official | ...</summary>
    public string? Use { get; init; }

    /// <summary>Full text.</summary>
    public string? Text { get; init; }

    /// <summary>Family name.</summary>
    public string? Family { get; init; }

    /// <summary>Given names.</summary>
    public IReadOnlyList<string>? Given { get; init; }
}
