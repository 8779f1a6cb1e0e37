using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Observation.referenceRange.</summary>
public sealed record ObservationReferenceRange : FhirElement
{
    /// <summary>Low bound.</summary>
    public Quantity? Low { get; init; }

    /// <summary>High bound.</summary>
    public Quantity? High { get; init; }

    /// <summary>Which part of the range (normal, recommended...).</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>Population the range applies to.</summary>
    public IReadOnlyList<CodeableConcept>? AppliesTo { get; init; }

    /// <summary>Age range it applies to.</summary>
    public FhirRange? Age { get; init; }

    /// <summary>Text form.</summary>
    public string? Text { get; init; }
}
