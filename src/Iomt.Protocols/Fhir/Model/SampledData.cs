using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 SampledData (§2.24.0.16): origin + factor × data, one sample per period ms, dimensions interleaved.</summary>
public sealed record SampledData : FhirElement
{
    /// <summary>Zero value and unit.</summary>
    public Quantity? Origin { get; init; }

    /// <summary>Milliseconds between samples.</summary>
    public FhirDecimal? Period { get; init; }

    /// <summary>Multiply data by this before adding to origin.</summary>
    public FhirDecimal? Factor { get; init; }

    /// <summary>Lower limit of detection.</summary>
    public FhirDecimal? LowerLimit { get; init; }

    /// <summary>Upper limit of detection.</summary>
    public FhirDecimal? UpperLimit { get; init; }

    /// <summary>Number of interleaved sample points per time point.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Space-separated decimals, or E (error), L (below lower limit), U (above upper limit).</summary>
    public string? Data { get; init; }
}
