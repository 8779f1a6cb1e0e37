using Iomt.Core.Measurements;

namespace Iomt.Protocols.Ble;

/// <summary>
/// One observation decoded from a characteristic: code, value in the canonical UCUM unit and, when the value
/// carries its own Date Time, that local (zone-less) time.
/// </summary>
public readonly record struct GattObservation(ObservationCode Code, double Value, string Unit, DateTime? DeviceLocalTime = null);
