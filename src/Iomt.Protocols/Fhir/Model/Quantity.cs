using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Quantity (also SimpleQuantity, Age, Duration): a decimal with a UCUM unit.</summary>
public sealed record Quantity : FhirElement
{
    /// <summary>The numeric value, kept with its exact text.</summary>
    public FhirDecimal? Value { get; init; }

    /// <summary>&lt; | &lt;= | &gt;= | &gt;.</summary>
    public string? Comparator { get; init; }

    /// <summary>Unit as shown to people.</summary>
    public string? Unit { get; init; }

    /// <summary>Unit system (UCUM is http://unitsofmeasure.org).</summary>
    public string? System { get; init; }

    /// <summary>Coded unit.</summary>
    public string? Code { get; init; }
}
