namespace Iomt.Protocols.Ble;

/// <summary>How strictly a decoder treats Reserved-for-Future-Use content.</summary>
public enum GattDecodeMode
{
    /// <summary>RFU bits, RFU enumeration values and trailing octets are errors (a medical platform flags them).</summary>
    Strict,

    /// <summary>
    /// The Bluetooth receiver rule (Core Spec Vol 3 Part G §3.3.3 / GSS): ignore RFU bits (kept in raw status integers),
    /// map RFU enumerations to "reserved", ignore trailing octets. Truncation and bad sizes still fail.
    /// </summary>
    Lenient,
}
