namespace Iomt.Protocols.VendorJson;

/// <summary>
/// A device vendor's JSON format described declaratively (after the templates of Microsoft's IoMT FHIR connector):
/// templates that each match a message by an expression and pick device id, time, and values out of it.
/// </summary>
public sealed record VendorMapping
{
    /// <summary>Name used in the URL (<c>/api/v1/vendor/{name}</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The templates, tried in order; every matching template contributes readings.</summary>
    public required IReadOnlyList<VendorTemplate> Templates { get; init; }
}
