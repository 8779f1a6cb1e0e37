using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Server.Metrics;
using Iomt.Storage;

namespace Iomt.Server.Ingestion;

/// <summary>
/// The one ingestion path (architecture.md "data path"): validate against the catalogue, resolve the
/// patient from the device binding, dead-letter the bad, group-commit the rest, and answer per item
/// only after the commit is durable.
/// </summary>
public sealed class IngestionPipeline(
    GroupCommitter committer,
    BindingDirectory bindings,
    MeasurementValidator validator,
    ServerMetrics metrics,
    TimeProvider time) : IReadingIngestor
{
    // clinical-reference §11.1: SpO2 50–69 % is stored with a low-accuracy flag.
    private static readonly ObservationCode[] OximetryCodes = [ObservationCode.Loinc("2708-6"), ObservationCode.Loinc("59408-5")];

    /// <inheritdoc />
    public async Task<IngestionOutcome> IngestAsync(string source, IReadOnlyList<IncomingReading> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var results = new ItemResult[items.Count];
        var pending = new List<PendingReading>(items.Count);
        var pendingIndex = new List<int>(items.Count);
        var deadLetters = new List<DeadLetter>();

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var error = item.DecodeError;
            Measurement? normalized = null;
            if (error is null && item.Measurement is { } measurement)
            {
                var received = measurement with { ReceivedTime = now };
                error = validator.Validate(received, out var valid);
                normalized = valid;
            }

            error ??= normalized is null ? new ValidationError("$", "nothing to ingest") : null;
            if (error is not null)
            {
                results[i] = new ItemResult(ItemOutcome.Rejected, 0, error.Field, error.Reason);
                deadLetters.Add(new DeadLetter
                {
                    Source = source,
                    DeviceId = item.DeviceId ?? item.Measurement?.DeviceId,
                    MessageId = item.MessageId ?? item.Measurement?.MessageId,
                    Field = error.Field,
                    Reason = error.Reason,
                    Payload = Truncate(item.RawPayload.Length > 0 || item.Measurement is null ? item.RawPayload : JsonSerializer.Serialize(item.Measurement)),
                    ReceivedTime = now,
                });
                continue;
            }

            pending.Add(Resolve(normalized!, item.Marks));
            pendingIndex.Add(i);
        }

        var sequences = await committer.CommitAsync(pending, deadLetters, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < pendingIndex.Count; k++)
        {
            var seq = sequences[k];
            results[pendingIndex[k]] = new ItemResult(seq > 0 ? ItemOutcome.Accepted : ItemOutcome.Duplicate, seq);
        }

        var outcome = new IngestionOutcome(results);
        metrics.ReadingsAccepted.Add(outcome.Accepted);
        metrics.ReadingsDuplicate.Add(outcome.Duplicates);
        metrics.ReadingsRejected.Add(deadLetters.Count);
        return outcome;
    }

    private PendingReading Resolve(Measurement m, ReadingMarks marks)
    {
        var patient = m.PatientId ?? bindings.PatientAt(m.DeviceId, m.DeviceTime);
        if (patient is null)
        {
            marks |= ReadingMarks.Unbound;
        }

        if (m.Value is < 70 && Array.IndexOf(OximetryCodes, m.Code) >= 0)
        {
            marks |= ReadingMarks.LowAccuracy;
        }

        return new PendingReading(patient == m.PatientId ? m : m with { PatientId = patient }, marks);
    }

    private static string Truncate(string payload) =>
        payload.Length <= DeadLetter.MaxPayloadLength ? payload : payload[..DeadLetter.MaxPayloadLength];
}
