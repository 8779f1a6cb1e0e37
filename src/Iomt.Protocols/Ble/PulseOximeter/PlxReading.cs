using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.PulseOximeter;

/// <summary>One SpO2PR pair of a PLX continuous measurement (SpO2 in %, pulse rate in /min).</summary>
public readonly record struct PlxReading(MedicalFloat Spo2, MedicalFloat PulseRate);
