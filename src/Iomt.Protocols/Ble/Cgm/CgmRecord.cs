using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.Cgm;

/// <summary>
/// One record of a CGM Measurement (0x2AA7): glucose (mg/dL) at a time offset (minutes since session start), the
/// annunciation octets that were sent (Status, Cal/Temp, Warning), trend ((mg/dL)/min), quality (%) and E2E-CRC.
/// </summary>
public readonly record struct CgmRecord(
    int Size,
    MedicalFloat Glucose,
    int TimeOffsetMinutes,
    int? StatusOctet,
    int? CalTempOctet,
    int? WarningOctet,
    MedicalFloat? Trend,
    MedicalFloat? Quality,
    int? E2eCrc);
