using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Bundle.entry.response: the outcome of one transaction/batch entry.</summary>
public sealed record BundleEntryResponse : FhirElement
{
    /// <summary>HTTP status code and text, e.g. "201 Created".</summary>
    public string? Status { get; init; }

    /// <summary>Location of the created resource.</summary>
    public string? Location { get; init; }

    /// <summary>Version tag.</summary>
    public string? Etag { get; init; }

    /// <summary>Server time of modification.</summary>
    public string? LastModified { get; init; }

    /// <summary>OperationOutcome with hints and warnings (batch: errors too).</summary>
    public Resource? Outcome { get; init; }
}
