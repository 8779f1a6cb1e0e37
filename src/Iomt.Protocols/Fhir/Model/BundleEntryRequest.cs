using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Bundle.entry.request: how a transaction/batch entry is to be processed.</summary>
public sealed record BundleEntryRequest : FhirElement
{
    /// <summary>GET | HEAD | POST | PUT | DELETE | PATCH.</summary>
    public string? Method { get; init; }

    /// <summary>URL for the request, relative to the base.</summary>
    public string? Url { get; init; }

    /// <summary>Conditional read.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>Conditional read.</summary>
    public string? IfModifiedSince { get; init; }

    /// <summary>Conditional update.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Conditional create.</summary>
    public string? IfNoneExist { get; init; }
}
