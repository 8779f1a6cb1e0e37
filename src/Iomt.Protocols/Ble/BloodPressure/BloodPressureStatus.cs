using System.Text.Json;

namespace Iomt.Protocols.Ble.BloodPressure;

/// <summary>The Measurement Status bit field of 0x2A35/0x2A36 (BLS 1.0 §3.1.1.6); <see cref="Raw"/> keeps every bit, RFU included.</summary>
public readonly record struct BloodPressureStatus(int Raw)
{
    /// <summary>Bits 6–15 are RFU.</summary>
    public const int ReservedMask = 0xFFC0;

    /// <summary>Bit 0: body movement detected.</summary>
    public bool BodyMovement => (Raw & 0x01) != 0;

    /// <summary>Bit 1: cuff too loose.</summary>
    public bool CuffTooLoose => (Raw & 0x02) != 0;

    /// <summary>Bit 2: irregular pulse detected.</summary>
    public bool IrregularPulse => (Raw & 0x04) != 0;

    /// <summary>Bits 3–4: pulse rate range detection (0b11 is RFU).</summary>
    public int PulseRateRange => (Raw >> 3) & 0x3;

    /// <summary>Bit 5: improper measurement position.</summary>
    public bool ImproperPosition => (Raw & 0x20) != 0;

    internal void WriteJson(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteNumber("raw", Raw);
        w.WriteBoolean("bodyMovement", BodyMovement);
        w.WriteBoolean("cuffTooLoose", CuffTooLoose);
        w.WriteBoolean("irregularPulse", IrregularPulse);
        w.WriteString("pulseRateRange", PulseRateRange switch
        {
            0 => "within-range",
            1 => "exceeds-upper-limit",
            2 => "below-lower-limit",
            _ => "reserved",
        });
        w.WriteBoolean("improperPosition", ImproperPosition);
        w.WriteEndObject();
    }
}
