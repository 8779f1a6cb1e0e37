namespace Iomt.Protocols.Ble;

/// <summary>Why a characteristic value was rejected; the categories of the BLE vectors' README ("reasons").</summary>
public enum GattErrorReason
{
    /// <summary>Zero-length value.</summary>
    Empty,

    /// <summary>The value ends inside a mandatory field or a field the flags declare present.</summary>
    Truncated,

    /// <summary>Octets remain after every field the flags declare.</summary>
    TrailingBytes,

    /// <summary>A Reserved-for-Future-Use bit is set (flags or a status bit field).</summary>
    ReservedFlag,

    /// <summary>An enumerated field holds an RFU value.</summary>
    ReservedValue,

    /// <summary>A value outside its defined range (e.g. Date Time month 13).</summary>
    OutOfRange,

    /// <summary>Fields contradict each other.</summary>
    InvalidCombination,

    /// <summary>CGM Size octet below 6, beyond the data, or not matching the flags.</summary>
    BadSizeField,

    /// <summary>CGM E2E-CRC does not match the record.</summary>
    CrcMismatch,

    /// <summary>The characteristic UUID is not one this platform decodes.</summary>
    UnsupportedCharacteristic,

    /// <summary>The forwarded value text is neither hex nor base64.</summary>
    InvalidEncoding,
}
