namespace Iomt.Protocols.Ble.PulseOximeter;

/// <summary>Bit names and RFU masks of the PLX Measurement Status and Device and Sensor Status fields (PLXS 1.0.1 §3.2–3.3).</summary>
internal static class PlxStatus
{
    /// <summary>Measurement Status bits 0–4 are RFU.</summary>
    public const int MeasurementStatusReserved = 0x001F;

    /// <summary>Device and Sensor Status bits 16–23 are RFU.</summary>
    public const int DeviceSensorStatusReserved = 0xFF_0000;

    /// <summary>Names of Measurement Status bits 5..15.</summary>
    public static readonly string[] MeasurementStatusNames =
    [
        "measurement-ongoing", "early-estimated-data", "validated-data", "fully-qualified-data",
        "data-from-measurement-storage", "data-for-demonstration", "data-for-testing",
        "calibration-ongoing", "measurement-unavailable", "questionable-measurement-detected",
        "invalid-measurement-detected",
    ];

    /// <summary>Names of Device and Sensor Status bits 0..15.</summary>
    public static readonly string[] DeviceSensorStatusNames =
    [
        "extended-display-update-ongoing", "equipment-malfunction-detected",
        "signal-processing-irregularity-detected", "inadequate-signal-detected", "poor-signal-detected",
        "low-perfusion-detected", "erratic-signal-detected", "nonpulsatile-signal-detected",
        "questionable-pulse-detected", "signal-analysis-ongoing", "sensor-interference-detected",
        "sensor-unconnected-to-user", "unknown-sensor-connected", "sensor-displaced",
        "sensor-malfunctioning", "sensor-disconnected",
    ];

    public static bool TryReadMeasurementStatus(ref GattReader r, out int status)
    {
        var at = r.Position;
        return r.TryU16("measurementStatus", out status)
            && r.CheckReservedBits("measurementStatus", at, status, MeasurementStatusReserved);
    }

    public static bool TryReadDeviceSensorStatus(ref GattReader r, out int status)
    {
        var at = r.Position;
        return r.TryU24("deviceSensorStatus", out status)
            && r.CheckReservedBits("deviceSensorStatus", at, status, DeviceSensorStatusReserved);
    }
}
