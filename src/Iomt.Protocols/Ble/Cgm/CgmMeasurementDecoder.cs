using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using Iomt.Protocols.Ble.Numbers;

namespace Iomt.Protocols.Ble.Cgm;

/// <summary>
/// Decodes CGM Measurement 0x2AA7 (CGMS 1.0.1 §3.2, GSS cgm_measurement). Each record: Size (the authority on the
/// record length, ≥ 6), flags, SFLOAT glucose, uint16 time offset, the annunciation octets whose flags are set in
/// the order Status (bit 7), Cal/Temp (bit 6), Warning (bit 5) — one 24-bit field sent LSO first — then trend and
/// quality SFLOATs, then the E2E-CRC exactly when Size = implied length + 2.
/// </summary>
public static class CgmMeasurementDecoder
{
    private const int TrendPresent = 0x01;
    private const int QualityPresent = 0x02;
    private const int ReservedFlags = 0x1C;
    private const int AnnunciationFlags = 0xE0;

    /// <summary>Decodes one notification; never throws.</summary>
    public static GattDecodeResult<CgmMeasurement> Decode(ReadOnlySpan<byte> value, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        if (value.IsEmpty)
        {
            return GattDecodeResult<CgmMeasurement>.Failure(new GattError(GattErrorReason.Empty, "value", 0, "the value is empty (0 octets)"));
        }

        var records = new CgmRecord[1];
        var count = 0;
        var position = 0;
        while (position < value.Length)
        {
            if (!TryReadRecord(value, position, count, mode, out var record, out var error))
            {
                return GattDecodeResult<CgmMeasurement>.Failure(error);
            }

            if (count == records.Length)
            {
                Array.Resize(ref records, count * 2);
            }

            records[count++] = record;
            position += record.Size;
        }

        if (count != records.Length)
        {
            Array.Resize(ref records, count);
        }

        return GattDecodeResult<CgmMeasurement>.Success(new CgmMeasurement(ImmutableCollectionsMarshal.AsImmutableArray(records)));
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> value, int at, int index, GattDecodeMode mode, out CgmRecord record, out GattError error)
    {
        record = default;
        var remaining = value.Length - at;
        int size = value[at];
        if (size < 6 || size > remaining)
        {
            error = SizeError(index, at, size < 6
                ? $"Size {size} at offset {at} is below the minimum 6"
                : $"Size {size} at offset {at} exceeds the {remaining} octet(s) remaining");
            return false;
        }

        int flags = value[at + 1];
        if (mode == GattDecodeMode.Strict && (flags & ReservedFlags) != 0)
        {
            error = new GattError(GattErrorReason.ReservedFlag, Field(index, "flags"), at + 1,
                $"field '{Field(index, "flags")}' at offset {at + 1} has RFU bit(s) set (0x{flags & ReservedFlags:X2})");
            return false;
        }

        var implied = 6 + BitOperations.PopCount((uint)(flags & AnnunciationFlags))
            + ((flags & TrendPresent) != 0 ? 2 : 0) + ((flags & QualityPresent) != 0 ? 2 : 0);
        var hasCrc = size == implied + 2;
        if (size != implied && !hasCrc)
        {
            error = SizeError(index, at, $"Size {size} at offset {at} matches neither the {implied} octets the flags imply nor {implied + 2} with E2E-CRC");
            return false;
        }

        var rec = value.Slice(at, size);
        int? crc = null;
        if (hasCrc)
        {
            var sent = BinaryPrimitives.ReadUInt16LittleEndian(rec[^2..]);
            var computed = CgmE2eCrc.Compute(rec[..^2]);
            if (sent != computed)
            {
                error = new GattError(GattErrorReason.CrcMismatch, Field(index, "e2eCrc"), at + size - 2,
                    $"field '{Field(index, "e2eCrc")}' at offset {at + size - 2} is 0x{sent:X4} but the record's CRC-16/MCRF4XX is 0x{computed:X4}");
                return false;
            }

            crc = sent;
        }

        var glucose = Ieee11073Float.DecodeSFloat(BinaryPrimitives.ReadUInt16LittleEndian(rec[2..]));
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(rec[4..]);
        var p = 6;
        int? status = (flags & 0x80) != 0 ? rec[p++] : null;
        int? calTemp = (flags & 0x40) != 0 ? rec[p++] : null;
        int? warning = (flags & 0x20) != 0 ? rec[p++] : null;
        MedicalFloat? trend = null;
        MedicalFloat? quality = null;
        if ((flags & TrendPresent) != 0)
        {
            trend = Ieee11073Float.DecodeSFloat(BinaryPrimitives.ReadUInt16LittleEndian(rec[p..]));
            p += 2;
        }

        if ((flags & QualityPresent) != 0)
        {
            quality = Ieee11073Float.DecodeSFloat(BinaryPrimitives.ReadUInt16LittleEndian(rec[p..]));
        }

        record = new CgmRecord(size, glucose, offset, status, calTemp, warning, trend, quality, crc);
        error = default;
        return true;
    }

    private static GattError SizeError(int index, int at, string message) =>
        new(GattErrorReason.BadSizeField, Field(index, "size"), at, $"field '{Field(index, "size")}': {message}");

    private static string Field(int index, string name) => $"records[{index}].{name}";
}
