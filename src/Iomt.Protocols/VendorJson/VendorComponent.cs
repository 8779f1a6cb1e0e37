namespace Iomt.Protocols.VendorJson;

/// <summary>One component of a panel template (e.g. systolic pressure of a blood-pressure reading).</summary>
public sealed record VendorComponent
{
    /// <summary>Catalogue type of the component (e.g. "systolic-bp").</summary>
    public required string Type { get; init; }

    /// <summary>Expression for its value.</summary>
    public required string Value { get; init; }

    /// <summary>UCUM unit (default: canonical).</summary>
    public string? Unit { get; init; }
}
