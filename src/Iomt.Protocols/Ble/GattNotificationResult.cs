using System.Collections.Immutable;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Ble;

/// <summary>
/// What one forwarded notification became: its <see cref="MessageId"/> (the base of every measurement's id) and either
/// the <see cref="Measurements"/> (possibly none, e.g. intermediate cuff pressure) or the <see cref="Error"/>.
/// </summary>
public sealed record GattNotificationResult(string MessageId, ImmutableArray<Measurement> Measurements, GattError? Error)
{
    /// <summary>True when the value decoded.</summary>
    public bool IsSuccess => Error is null;
}
