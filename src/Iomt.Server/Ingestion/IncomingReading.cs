using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;

namespace Iomt.Server.Ingestion;

/// <summary>
/// One item handed to ingestion by a transport: a decoded <see cref="Measurement"/>, or the decode error
/// that stopped it (which goes to the dead letters). <see cref="RawPayload"/> is the item as received,
/// kept only for dead letters.
/// </summary>
public sealed record IncomingReading(Measurement? Measurement, ValidationError? DecodeError, string RawPayload = "", string? DeviceId = null, string? MessageId = null)
{
    /// <summary>A decoded reading.</summary>
    public static IncomingReading Decoded(Measurement measurement, string rawPayload = "") =>
        new(measurement, null, rawPayload, measurement.DeviceId, measurement.MessageId);

    /// <summary>An item that could not be decoded.</summary>
    public static IncomingReading Failed(ValidationError error, string rawPayload, string? deviceId = null, string? messageId = null) =>
        new(null, error, rawPayload, deviceId, messageId);
}
