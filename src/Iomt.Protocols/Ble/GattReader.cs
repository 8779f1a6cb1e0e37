using System.Buffers.Binary;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble;

/// <summary>
/// Reads little-endian fields of a characteristic value in order (all Bluetooth SIG characteristics are LSO first)
/// and records the first error with the field name and offset. Every Try method returns false once an error is set.
/// </summary>
internal ref struct GattReader
{
    private readonly ReadOnlySpan<byte> _data;

    public GattReader(ReadOnlySpan<byte> data, GattDecodeMode mode)
    {
        _data = data;
        Mode = mode;
    }

    public GattDecodeMode Mode { get; }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public GattError Error { get; private set; }

    public readonly bool Strict => Mode == GattDecodeMode.Strict;

    public bool Fail(GattErrorReason reason, string field, int offset, string message)
    {
        Error = new GattError(reason, field, offset, message);
        return false;
    }

    public bool RequireNotEmpty() =>
        _data.Length > 0 || Fail(GattErrorReason.Empty, "value", 0, "the value is empty (0 octets)");

    public bool Need(string field, int octets) =>
        Remaining >= octets
        || Fail(GattErrorReason.Truncated, field, Position, $"field '{field}' at offset {Position} needs {octets} octet(s) but {Remaining} remain");

    public bool TryU8(string field, out int value)
    {
        value = 0;
        if (!Need(field, 1))
        {
            return false;
        }

        value = _data[Position++];
        return true;
    }

    public bool TryU16(string field, out int value)
    {
        value = 0;
        if (!Need(field, 2))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryS16(string field, out int value)
    {
        value = 0;
        if (!Need(field, 2))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt16LittleEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryU24(string field, out int value)
    {
        value = 0;
        if (!Need(field, 3))
        {
            return false;
        }

        value = _data[Position] | (_data[Position + 1] << 8) | (_data[Position + 2] << 16);
        Position += 3;
        return true;
    }

    public bool TrySFloat(string field, out MedicalFloat value)
    {
        value = default;
        if (!TryU16(field, out var word))
        {
            return false;
        }

        value = Ieee11073Float.DecodeSFloat((ushort)word);
        return true;
    }

    public bool TryFloat(string field, out MedicalFloat value)
    {
        value = default;
        if (!Need(field, 4))
        {
            return false;
        }

        value = Ieee11073Float.DecodeFloat(BinaryPrimitives.ReadUInt32LittleEndian(_data[Position..]));
        Position += 4;
        return true;
    }

    public bool TryDateTime(string field, out GattDateTime value)
    {
        value = default;
        var start = Position;
        if (!Need(field, 7))
        {
            return false;
        }

        var year = BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
        value = new GattDateTime(year, _data[Position + 2], _data[Position + 3], _data[Position + 4], _data[Position + 5], _data[Position + 6]);
        Position += 7;
        return value.FirstOutOfRangePart() is not { } part
            || Fail(GattErrorReason.OutOfRange, $"{field}.{part}", start, $"field '{field}' at offset {start} has an out-of-range {part} ({value})");
    }

    /// <summary>In strict mode, fails when any bit of <paramref name="reservedMask"/> is set in <paramref name="bits"/>.</summary>
    public bool CheckReservedBits(string field, int offset, int bits, int reservedMask) =>
        !Strict || (bits & reservedMask) == 0
        || Fail(GattErrorReason.ReservedFlag, field, offset, $"field '{field}' at offset {offset} has RFU bit(s) set (0x{bits & reservedMask:X})");

    /// <summary>In strict mode, fails because an enumeration holds an RFU value.</summary>
    public bool CheckReservedValue(string field, int offset, int value, bool isReserved) =>
        !Strict || !isReserved
        || Fail(GattErrorReason.ReservedValue, field, offset, $"field '{field}' at offset {offset} holds the RFU value {value}");

    /// <summary>In strict mode, fails when octets remain after every declared field.</summary>
    public bool CheckEnd() =>
        !Strict || Remaining == 0
        || Fail(GattErrorReason.TrailingBytes, "value", Position, $"the value has {Remaining} trailing octet(s) at offset {Position} after every field the flags declare");
}
