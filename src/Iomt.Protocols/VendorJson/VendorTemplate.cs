namespace Iomt.Protocols.VendorJson;

/// <summary>One kind of message of a vendor format and where its fields are.</summary>
public sealed record VendorTemplate
{
    /// <summary>Catalogue type of the reading (e.g. "heart-rate", "bp-panel").</summary>
    public required string Type { get; init; }

    /// <summary>Expression that must select something for the template to apply (e.g. <c>$.type</c>).</summary>
    public required string Match { get; init; }

    /// <summary>When set, the matched value must equal this text.</summary>
    public string? MatchValue { get; init; }

    /// <summary>Optional expression selecting several items in one message; other <c>@</c> expressions run per item.</summary>
    public string? ForEach { get; init; }

    /// <summary>Expression for the device id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Expression for the measurement time.</summary>
    public required string Time { get; init; }

    /// <summary>"iso8601" (default), "unix-s" or "unix-ms".</summary>
    public string? TimeFormat { get; init; }

    /// <summary>Optional expression for the message id (else a hash of device, type and time).</summary>
    public string? MessageId { get; init; }

    /// <summary>Optional expression for the patient id.</summary>
    public string? PatientId { get; init; }

    /// <summary>Expression for the value of a scalar type.</summary>
    public string? Value { get; init; }

    /// <summary>UCUM unit of the value (default: the catalogue's canonical unit).</summary>
    public string? Unit { get; init; }

    /// <summary>Component values of a panel type.</summary>
    public IReadOnlyList<VendorComponent>? Components { get; init; }
}
