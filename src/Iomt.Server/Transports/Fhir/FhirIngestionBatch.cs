using Iomt.Core.Catalogue;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Server.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Iomt.Server.Transports.Fhir;

/// <summary>
/// Collects the readings of one FHIR request (an Observation or every entry of a Bundle) for one call to the
/// ingestor, and turns the per-item outcomes back into a FHIR status and issues per Observation. Mapping errors
/// and Observations with nothing to store go in as failed items, so they are kept as dead letters.
/// </summary>
public sealed class FhirIngestionBatch(DateTimeOffset receivedTime)
{
    private readonly List<IncomingReading> _items = [];
    private readonly List<Unit> _units = [];
    private readonly List<WaveformChunk> _waveforms = [];

    /// <summary>The items for the ingestor.</summary>
    public IReadOnlyList<IncomingReading> Items => _items;

    /// <summary>Every waveform chunk mapped in this request.</summary>
    public IReadOnlyList<WaveformChunk> Waveforms => _waveforms;

    /// <summary>Adds a mapped Observation; returns its unit number.</summary>
    public int AddObservation(MappedObservation mapped, string rawPayload)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var first = _items.Count;
        foreach (var m in mapped.Measurements)
        {
            _items.Add(IncomingReading.Decoded(m.Measurement with { ReceivedTime = receivedTime }, rawPayload));
        }

        if (mapped.IsEmpty)
        {
            var why = mapped.Notes.FirstOrDefault() ?? FhirIssue.Information("Observation", "nothing to store");
            _items.Add(IncomingReading.Failed(new ValidationError(why.Expression ?? "Observation", $"not stored: {why.Diagnostics}"), rawPayload, null, mapped.MessageId));
        }

        _waveforms.AddRange(mapped.Waveforms);
        _units.Add(new Unit(first, _items.Count - first, mapped, []));
        return _units.Count - 1;
    }

    /// <summary>Adds an Observation (or entry) that failed mapping; returns its unit number.</summary>
    public int AddFailure(IReadOnlyList<FhirIssue> errors, string rawPayload)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.FirstOrDefault(e => e.IsError) ?? FhirIssue.Invalid(null, "invalid");
        _items.Add(IncomingReading.Failed(new ValidationError(first.Expression ?? "resource", first.Diagnostics), rawPayload));
        _units.Add(new Unit(_items.Count - 1, 1, null, errors));
        return _units.Count - 1;
    }

    /// <summary>Adds an entry that produces no item (e.g. a Patient read to resolve references).</summary>
    public int AddNote(IReadOnlyList<FhirIssue> notes)
    {
        _units.Add(new Unit(_items.Count, 0, null, notes));
        return _units.Count - 1;
    }

    /// <summary>The FHIR status and issues of unit <paramref name="unit"/> once the ingestor has answered.</summary>
    public (int Status, IReadOnlyList<FhirIssue> Issues, string? Location) Outcome(int unit, IngestionOutcome outcome, bool waveformsStored)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var u = _units[unit];
        if (u.Mapped is not { } mapped)
        {
            return u.Issues.Any(i => i.IsError) ? (FhirResponses.StatusFor(u.Issues), u.Issues, null) : (StatusCodes.Status200OK, u.Issues, null);
        }

        var issues = new List<FhirIssue>(mapped.Notes);
        if (mapped.IsEmpty)
        {
            issues.Add(FhirIssue.Information("Observation", "valid Observation with no vital sign the platform stores; kept as a dead letter"));
            return (StatusCodes.Status200OK, issues, null);
        }

        bool anyAccepted = false, anyRejected = false;
        for (var i = 0; i < mapped.Measurements.Length; i++)
        {
            var result = u.First + i < outcome.Items.Count ? outcome.Items[u.First + i] : new ItemResult(ItemOutcome.Rejected, Reason: "no outcome from ingestion");
            var m = mapped.Measurements[i];
            switch (result.Outcome)
            {
                case ItemOutcome.Accepted:
                    anyAccepted = true;
                    issues.Add(FhirIssue.Information(m.Path, $"stored {m.Measurement.Code.Code} as reading {m.Measurement.MessageId} (sequence {result.Sequence})"));
                    break;
                case ItemOutcome.Duplicate:
                    issues.Add(FhirIssue.Information(m.Path, $"reading {m.Measurement.MessageId} was already stored (duplicate)"));
                    break;
                default:
                    anyRejected = true;
                    issues.Add(FhirIssue.Invalid(PathOf(m, result.Field), result.Reason ?? "rejected"));
                    break;
            }
        }

        if (!mapped.Waveforms.IsEmpty)
        {
            anyAccepted |= waveformsStored;
            issues.Add(FhirIssue.Information("Observation", waveformsStored
                ? $"stored {mapped.Waveforms.Length} waveform chunk(s), {mapped.Waveforms.Sum(w => w.Samples.Length)} samples"
                : $"received {mapped.Waveforms.Length} waveform chunk(s), {mapped.Waveforms.Sum(w => w.Samples.Length)} samples; no waveform storage configured"));
        }

        var status = anyRejected ? StatusCodes.Status422UnprocessableEntity : anyAccepted ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return (status, issues, status == StatusCodes.Status201Created ? $"Observation/{Uri.EscapeDataString(mapped.MessageId)}" : null);
    }

    // Ingestion names fields of Measurement ("value", "components[1].unit"); FHIR clients need element paths.
    private static string PathOf(MappedMeasurement m, string? field)
    {
        if (field is null)
        {
            return m.Path;
        }

        if (field.StartsWith("components[", StringComparison.Ordinal) && !m.ComponentPaths.IsDefaultOrEmpty)
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            if (close > 11 && int.TryParse(field.AsSpan(11, close - 11), out var k) && k < m.ComponentPaths.Length)
            {
                return m.ComponentPaths[k] + Leaf(field[(close + 1)..].TrimStart('.'));
            }
        }

        return field switch
        {
            "value" or "unit" => m.Path + Leaf(field),
            "components" => "Observation.component",
            "time" => "Observation.effective[x]",
            "deviceId" => "Observation.device",
            "patientId" => "Observation.subject",
            "id" => "Observation.identifier",
            "code" => "Observation.code",
            _ => m.Path,
        };
    }

    private static string Leaf(string field) => field switch
    {
        "value" => ".value",
        "unit" => ".code",
        "code" => ".code",
        _ => "",
    };

    private sealed record Unit(int First, int Count, MappedObservation? Mapped, IReadOnlyList<FhirIssue> Issues);
}
