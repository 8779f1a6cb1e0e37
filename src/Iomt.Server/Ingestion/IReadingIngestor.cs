namespace Iomt.Server.Ingestion;

/// <summary>
/// The single entry point every transport uses: validate, de-duplicate, commit with the group committer,
/// dead-letter the bad. The returned task completes only when the accepted items are durable, so a
/// transport acknowledges (HTTP 202, PUBACK, MSA AA) after awaiting it. Back-pressure: the call waits
/// while the commit queue is full.
/// </summary>
public interface IReadingIngestor
{
    /// <summary>Ingests a batch from <paramref name="source"/> ("http", "mqtt", "gatt", "hl7", "fhir").</summary>
    Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken);
}
