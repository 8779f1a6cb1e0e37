using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Iomt.Core.Measurements;
using Iomt.Storage.Schema;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// The payload of a <c>reading_chunk</c> row: the readings of one device and patient committed together, with
/// consecutive sequences. Device and patient are columns of the row; the payload holds, per reading, the message
/// id, code, value or components, unit, times and marks. Code systems, codes and units repeat within a chunk, so
/// each distinct string is written once and later referenced by number (ADR 0004).
/// </summary>
/// <remarks>
/// Layout: version byte 1, then per reading: message id (string), system, code, unit (table strings), a flags
/// byte (1 = value, 2 = components), the value (8-byte IEEE double), components (count, then system, code, unit
/// table strings and an 8-byte value each), device time and received time as zig-zag varint deltas from the
/// previous reading's (microseconds; the first from 0), marks as a varint. A string is a varint byte length and
/// UTF-8 bytes; a table string is varint 0 followed by a new string (appended to the table) or k &gt; 0 for
/// entry k − 1.
/// </remarks>
internal static class ReadingChunkCodec
{
    private const byte Version = 1;
    private const byte HasValue = 1;
    private const byte HasComponents = 2;

    /// <summary>Writes the payload of <paramref name="readings"/> (in sequence order) into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<PendingReading> readings, ArrayBufferWriter<byte> output, Dictionary<string, int> table)
    {
        table.Clear();
        var w = new Writer(output, table);
        w.Byte(Version);
        long lastDevice = 0, lastReceived = 0;
        foreach (var pending in readings)
        {
            var m = pending.Measurement;
            w.String(m.MessageId);
            w.TableString(m.Code.System);
            w.TableString(m.Code.Code);
            w.TableString(m.Unit);
            var flags = (byte)((m.Value is null ? 0 : HasValue) | (m.IsPanel ? HasComponents : 0));
            w.Byte(flags);
            if (m.Value is { } value)
            {
                w.Double(value);
            }

            if (m.IsPanel)
            {
                w.VarUInt((ulong)m.Components.Length);
                foreach (var c in m.Components)
                {
                    w.TableString(c.Code.System);
                    w.TableString(c.Code.Code);
                    w.TableString(c.Unit);
                    w.Double(c.Value);
                }
            }

            var device = UnixMicroseconds.From(m.DeviceTime);
            var received = UnixMicroseconds.From(m.ReceivedTime);
            w.VarInt(device - lastDevice);
            w.VarInt(received - lastReceived);
            w.VarUInt((ulong)pending.Marks);
            lastDevice = device;
            lastReceived = received;
        }
    }

    /// <summary>The readings of a chunk row, sequences <paramref name="firstSeq"/> onward.</summary>
    public static StoredReading[] Decode(long firstSeq, int count, string deviceId, string? patientId, ReadOnlySpan<byte> payload)
    {
        var r = new Reader(payload);
        if (r.Byte() != Version)
        {
            throw new InvalidDataException($"reading chunk {firstSeq}: unknown payload version");
        }

        var readings = new StoredReading[count];
        var table = new List<string>();
        long device = 0, received = 0;
        for (var i = 0; i < count; i++)
        {
            var messageId = r.String();
            var system = r.TableString(table);
            var code = r.TableString(table);
            var unit = r.TableString(table);
            var flags = r.Byte();
            double? value = (flags & HasValue) != 0 ? r.Double() : null;
            var components = ImmutableArray<MeasurementComponent>.Empty;
            if ((flags & HasComponents) != 0)
            {
                var n = checked((int)r.VarUInt());
                var builder = ImmutableArray.CreateBuilder<MeasurementComponent>(n);
                for (var k = 0; k < n; k++)
                {
                    var cs = r.TableString(table);
                    var cc = r.TableString(table);
                    var cu = r.TableString(table);
                    builder.Add(new MeasurementComponent(new ObservationCode(cs, cc), r.Double(), cu));
                }

                components = builder.MoveToImmutable();
            }

            device += r.VarInt();
            received += r.VarInt();
            var marks = (ReadingMarks)r.VarUInt();
            readings[i] = new StoredReading(
                firstSeq + i,
                new Measurement
                {
                    DeviceId = deviceId,
                    MessageId = messageId,
                    PatientId = patientId,
                    Code = new ObservationCode(system, code),
                    Value = value,
                    Components = components,
                    Unit = unit,
                    DeviceTime = UnixMicroseconds.ToTime(device),
                    ReceivedTime = UnixMicroseconds.ToTime(received),
                },
                marks);
        }

        return readings;
    }

    private ref struct Writer(ArrayBufferWriter<byte> output, Dictionary<string, int> table)
    {
        public readonly void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public readonly void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public readonly void VarUInt(ulong value)
        {
            var span = output.GetSpan(10);
            var n = 0;
            while (value >= 0x80)
            {
                span[n++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[n++] = (byte)value;
            output.Advance(n);
        }

        public readonly void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

        public readonly void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            VarUInt((ulong)length);
            Encoding.UTF8.GetBytes(value, output.GetSpan(length));
            output.Advance(length);
        }

        public readonly void TableString(string value)
        {
            if (table.TryGetValue(value, out var index))
            {
                VarUInt((ulong)index + 1);
                return;
            }

            table.Add(value, table.Count);
            VarUInt(0);
            String(value);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> payload)
    {
        private readonly ReadOnlySpan<byte> _payload = payload;
        private int _position;

        public byte Byte() => _payload[_position++];

        public double Double()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_payload.Slice(_position, 8));
            _position += 8;
            return value;
        }

        public ulong VarUInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = _payload[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("reading chunk: varint too long");
        }

        public long VarInt()
        {
            var raw = VarUInt();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public string String()
        {
            var length = checked((int)VarUInt());
            var value = Encoding.UTF8.GetString(_payload.Slice(_position, length));
            _position += length;
            return value;
        }

        public string TableString(List<string> table)
        {
            var index = VarUInt();
            if (index > 0)
            {
                return table[checked((int)index - 1)];
            }

            var value = String();
            table.Add(value);
            return value;
        }
    }
}
