using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Storage;

namespace Iomt.Server.Ingestion;

/// <summary>
/// One item handed to ingestion by a transport: a decoded <see cref="Measurement"/>, or the decode error
/// that stopped it (which goes to the dead letters). <see cref="RawPayload"/> is the item as received,
/// kept only for dead letters. <see cref="Marks"/> are flags the producer knows (e.g. <see cref="ReadingMarks.Derived"/>);
/// ingestion adds its own.
/// </summary>
public sealed record IncomingReading(Measurement? Measurement, ValidationError? DecodeError, string RawPayload = "", string? DeviceId = null, string? MessageId = null, ReadingMarks Marks = ReadingMarks.None)
{
    /// <summary>A decoded reading.</summary>
    public static IncomingReading Decoded(Measurement measurement, string rawPayload = "", ReadingMarks marks = ReadingMarks.None) =>
        new(measurement, null, rawPayload, measurement.DeviceId, measurement.MessageId, marks);

    /// <summary>An item that could not be decoded.</summary>
    public static IncomingReading Failed(ValidationError error, string rawPayload, string? deviceId = null, string? messageId = null) =>
        new(null, error, rawPayload, deviceId, messageId);
}
