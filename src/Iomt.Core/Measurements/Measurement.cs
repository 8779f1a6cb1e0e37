using System.Collections.Immutable;

namespace Iomt.Core.Measurements;

/// <summary>
/// One reading from a device: a scalar <see cref="Value"/> or a panel of <see cref="Components"/>,
/// identified for idempotency by (<see cref="DeviceId"/>, <see cref="MessageId"/>).
/// </summary>
public sealed record Measurement
{
    /// <summary>The device that produced the reading.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The sender's id for this reading; unique per device (resends reuse it).</summary>
    public required string MessageId { get; init; }

    /// <summary>Pseudonymous patient id, when the sender names one or the device is bound.</summary>
    public string? PatientId { get; init; }

    /// <summary>What was measured.</summary>
    public required ObservationCode Code { get; init; }

    /// <summary>The value of a scalar reading; null for a panel.</summary>
    public double? Value { get; init; }

    /// <summary>The parts of a panel reading (e.g. systolic and diastolic); empty for a scalar.</summary>
    public ImmutableArray<MeasurementComponent> Components { get; init; } = [];

    /// <summary>UCUM unit of <see cref="Value"/>; empty for a panel (each component has its own).</summary>
    public string Unit { get; init; } = "";

    /// <summary>When the device says it measured (UTC).</summary>
    public required DateTimeOffset DeviceTime { get; init; }

    /// <summary>When the platform received it (UTC).</summary>
    public DateTimeOffset ReceivedTime { get; init; }

    /// <summary>True when the reading is a panel of components.</summary>
    public bool IsPanel => !Components.IsDefaultOrEmpty;
}
