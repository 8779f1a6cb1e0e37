using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Period: start and end dateTimes, kept as sent.</summary>
public sealed record Period : FhirElement
{
    /// <summary>Start (FHIR dateTime).</summary>
    public string? Start { get; init; }

    /// <summary>End (FHIR dateTime).</summary>
    public string? End { get; init; }
}
