using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Coding (§2.24.0.3): a code in a code system.</summary>
public sealed record Coding : FhirElement
{
    /// <summary>Code system URI.</summary>
    public string? System { get; init; }

    /// <summary>Code system version.</summary>
    public string? Version { get; init; }

    /// <summary>The code.</summary>
    public string? Code { get; init; }

    /// <summary>Human-readable text of the code.</summary>
    public string? Display { get; init; }

    /// <summary>True when the user chose this coding.</summary>
    public bool? UserSelected { get; init; }
}
