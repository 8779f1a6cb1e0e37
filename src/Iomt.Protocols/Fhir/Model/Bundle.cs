using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Bundle: transaction, batch and their responses.</summary>
public sealed record Bundle : Resource
{
    /// <inheritdoc />
    public override string ResourceType => "Bundle";

    /// <summary>Persistent identifier.</summary>
    public Identifier? Identifier { get; init; }

    /// <summary>document | message | transaction | transaction-response | batch | batch-response | history | searchset | collection.</summary>
    public string? Type { get; init; }

    /// <summary>When assembled.</summary>
    public string? Timestamp { get; init; }

    /// <summary>Search total.</summary>
    public int? Total { get; init; }

    /// <summary>Links, kept verbatim.</summary>
    public IReadOnlyList<JsonElement>? Link { get; init; }

    /// <summary>Entries.</summary>
    public IReadOnlyList<BundleEntry>? Entry { get; init; }
}
