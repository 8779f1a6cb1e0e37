using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Ratio: numerator over denominator.</summary>
public sealed record Ratio : FhirElement
{
    /// <summary>Numerator.</summary>
    public Quantity? Numerator { get; init; }

    /// <summary>Denominator.</summary>
    public Quantity? Denominator { get; init; }
}
