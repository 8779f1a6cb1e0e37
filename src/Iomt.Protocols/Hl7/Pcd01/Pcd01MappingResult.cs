using System.Collections.Immutable;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// What a PCD-01 message yields: the acknowledgement code it deserves, the observations (all of them when AA,
/// none otherwise: an AE is atomic) and the errors to report in ERR segments.
/// </summary>
public sealed record Pcd01MappingResult
{
    /// <summary>AA when every numeric row mapped; AE for content errors; AR for unsupported or unparseable messages.</summary>
    public required Hl7AckCode Ack { get; init; }

    /// <summary>The parsed message, when its header was readable (addresses the ACK).</summary>
    public Hl7Message? Message { get; init; }

    /// <summary>MSH-10, when present.</summary>
    public string? ControlId { get; init; }

    /// <summary>The selected PID-3 identifier.</summary>
    public string? PatientId { get; init; }

    /// <summary>The equipment id of the first observation (or the first one found in the message).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The observations to store; empty unless <see cref="Ack"/> is AA.</summary>
    public ImmutableArray<Pcd01Observation> Observations { get; init; } = [];

    /// <summary>For AE: the rows that did map, which the platform does not store (atomic AE).</summary>
    public ImmutableArray<Pcd01Observation> PartialObservations { get; init; } = [];

    /// <summary>The errors, one ERR segment each.</summary>
    public ImmutableArray<Hl7Error> Errors { get; init; } = [];
}
