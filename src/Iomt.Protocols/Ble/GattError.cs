namespace Iomt.Protocols.Ble;

/// <summary>
/// A decode failure as a value: the machine <see cref="Reason"/>, the <see cref="Field"/> and octet
/// <see cref="Offset"/> where it was found, and a human <see cref="Message"/> naming both.
/// </summary>
public readonly record struct GattError(GattErrorReason Reason, string Field, int Offset, string Message)
{
    /// <summary>The README's kebab-case reason ("truncated", "reserved-flag", ...).</summary>
    public string ReasonCode => Reason switch
    {
        GattErrorReason.Empty => "empty",
        GattErrorReason.Truncated => "truncated",
        GattErrorReason.TrailingBytes => "trailing-bytes",
        GattErrorReason.ReservedFlag => "reserved-flag",
        GattErrorReason.ReservedValue => "reserved-value",
        GattErrorReason.OutOfRange => "out-of-range",
        GattErrorReason.InvalidCombination => "invalid-combination",
        GattErrorReason.BadSizeField => "bad-size-field",
        GattErrorReason.CrcMismatch => "crc-mismatch",
        GattErrorReason.InvalidEncoding => "invalid-encoding",
        _ => "unsupported-characteristic",
    };

    /// <inheritdoc />
    public override string ToString() => $"{ReasonCode}: {Message}";
}
