using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Bundle.entry.</summary>
public sealed record BundleEntry : FhirElement
{
    /// <summary>URI of the resource (urn:uuid inside transactions).</summary>
    public string? FullUrl { get; init; }

    /// <summary>The resource.</summary>
    public Resource? Resource { get; init; }

    /// <summary>Search information, kept verbatim.</summary>
    public JsonElement? Search { get; init; }

    /// <summary>Transaction/batch request.</summary>
    public BundleEntryRequest? Request { get; init; }

    /// <summary>Transaction/batch response.</summary>
    public BundleEntryResponse? Response { get; init; }
}
