using System.Collections.Immutable;
using Iomt.Core.Waveforms;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// What one Observation became: measurements, waveform chunks (from SampledData), and notes on the parts
/// deliberately not mapped (non-numeric values, codes outside the catalogue, cancelled status...).
/// </summary>
public sealed record MappedObservation
{
    /// <summary>Message id used for idempotency (identifier, id, fullUrl, or a content hash).</summary>
    public required string MessageId { get; init; }

    /// <summary>Device id the readings are attributed to.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Patient id from Observation.subject, when it names a patient.</summary>
    public string? PatientId { get; init; }

    /// <summary>The scalar and panel measurements.</summary>
    public ImmutableArray<MappedMeasurement> Measurements { get; init; } = [];

    /// <summary>Waveform chunks from valueSampledData.</summary>
    public ImmutableArray<WaveformChunk> Waveforms { get; init; } = [];

    /// <summary>Information issues: what was not mapped and why.</summary>
    public ImmutableArray<FhirIssue> Notes { get; init; } = [];

    /// <summary>True when nothing storable came out of the Observation.</summary>
    public bool IsEmpty => Measurements.IsEmpty && Waveforms.IsEmpty;
}
