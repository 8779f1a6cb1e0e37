using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Range: low and high quantities.</summary>
public sealed record FhirRange : FhirElement
{
    /// <summary>Low bound.</summary>
    public Quantity? Low { get; init; }

    /// <summary>High bound.</summary>
    public Quantity? High { get; init; }
}
