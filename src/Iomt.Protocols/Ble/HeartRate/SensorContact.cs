namespace Iomt.Protocols.Ble.HeartRate;

/// <summary>Heart Rate Measurement sensor contact status (flags bits 2..1).</summary>
public enum SensorContact
{
    /// <summary>Bits 00 or 01: the sensor does not support contact detection (bit 1 alone does not mean contact).</summary>
    NotSupported,

    /// <summary>Bits 10: supported, contact not detected.</summary>
    NotDetected,

    /// <summary>Bits 11: supported and detected.</summary>
    Detected,
}
