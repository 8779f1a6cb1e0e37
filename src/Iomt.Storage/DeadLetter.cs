namespace Iomt.Storage;

/// <summary>
/// A reading (or message) that was rejected, kept with the reason so nothing is silently dropped.
/// <see cref="Payload"/> is the offending item as received, truncated to <see cref="MaxPayloadLength"/>.
/// </summary>
public sealed record DeadLetter
{
    /// <summary>Longest payload kept.</summary>
    public const int MaxPayloadLength = 8192;

    /// <summary>Store-assigned id (0 before storing).</summary>
    public long Id { get; init; }

    /// <summary>Where it came from: "http", "mqtt", "gatt", "hl7", "fhir".</summary>
    public required string Source { get; init; }

    /// <summary>The device, when known.</summary>
    public string? DeviceId { get; init; }

    /// <summary>The sender's message id, when known.</summary>
    public string? MessageId { get; init; }

    /// <summary>The offending field (e.g. "value", "components[1].unit", "OBX-5").</summary>
    public required string Field { get; init; }

    /// <summary>Why it was rejected.</summary>
    public required string Reason { get; init; }

    /// <summary>The item as received (truncated).</summary>
    public string Payload { get; init; } = "";

    /// <summary>When it was received.</summary>
    public required DateTimeOffset ReceivedTime { get; init; }
}
