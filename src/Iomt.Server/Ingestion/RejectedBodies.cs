using Iomt.Core.Catalogue;
using Iomt.Storage;

namespace Iomt.Server.Ingestion;

/// <summary>
/// The one way every HTTP transport keeps a request body it refuses whole (unreadable, or over its size limit): as a
/// dead letter, so nothing a device sent is lost without a trace (docs/architecture.md, "Nothing silently dropped").
/// </summary>
public static class RejectedBodies
{
    /// <summary>
    /// Dead-letters a refused body under <paramref name="source"/>, with <paramref name="error"/> and the body's text cut to
    /// <see cref="DeadLetter.MaxPayloadLength"/>. The caller's answer (400, 413) does not depend on keeping it: a store
    /// outage is counted by the committer's failure metric and does not turn that answer into a 500.
    /// </summary>
    public static async Task TryDeadLetterAsync(this IReadingIngestor ingestor, string source, ValidationError error, string body, string? deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingestor);
        ArgumentNullException.ThrowIfNull(body);
        var payload = body.Length > DeadLetter.MaxPayloadLength ? body[..DeadLetter.MaxPayloadLength] : body;
        try
        {
            await ingestor.IngestAsync(source, [IncomingReading.Failed(error, payload, deviceId)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sender still gets its 4xx.
        }
    }
}
