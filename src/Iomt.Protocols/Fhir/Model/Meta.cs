using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Meta: profiles, version, tags.</summary>
public sealed record Meta : FhirElement
{
    /// <summary>Version id.</summary>
    public string? VersionId { get; init; }

    /// <summary>Last change (instant).</summary>
    public string? LastUpdated { get; init; }

    /// <summary>Where the resource came from.</summary>
    public string? Source { get; init; }

    /// <summary>Profiles the resource claims to conform to.</summary>
    public IReadOnlyList<string>? Profile { get; init; }

    /// <summary>Security labels.</summary>
    public IReadOnlyList<Coding>? Security { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<Coding>? Tag { get; init; }
}
