using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Iomt.Cli.Bench;

/// <summary>
/// Writes a JSON batch of synthetic heart-rate readings for load and crash tests, straight into UTF-8 bytes (the
/// load generator shares the machine with the server, so it must be cheap: no strings per reading, no text
/// encoder pass).
/// </summary>
public static class SyntheticBatch
{
    // Device times start here and advance one second per reading; far enough in the past that millions of
    // readings per client stay behind the server clock (the validator rejects times a day ahead).
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The message id of reading <paramref name="index"/> of client <paramref name="client"/> (sequential ids).</summary>
    public static string MessageId(int client, long index) => $"c{client}-{index:D9}";

    /// <summary>
    /// Writes readings <paramref name="first"/>..first+count-1 of a client: device <c>dev-{client}</c>, patient
    /// <c>p-{client}</c>, one reading per second of device time. With <paramref name="uuidIds"/> the ids are random GUIDs.
    /// </summary>
    public static byte[] Write(int client, long first, int count, bool uuidIds, List<string>? idsOut = null)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 150);
        Append(buffer, "[");
        for (var i = 0; i < count; i++)
        {
            var index = first + i;
            Append(buffer, i > 0 ? ",{\"id\":\"" : "{\"id\":\"");
            if (uuidIds)
            {
                var id = Guid.NewGuid();
                Format(buffer, id);
                if (idsOut is not null)
                {
                    idsOut.Add(id.ToString());
                }
            }
            else
            {
                Append(buffer, "c");
                Format(buffer, client);
                Append(buffer, "-");
                Format(buffer, index, new StandardFormat('D', 9));
                idsOut?.Add(MessageId(client, index));
            }

            Append(buffer, "\",\"deviceId\":\"dev-");
            Format(buffer, client);
            Append(buffer, "\",\"patientId\":\"p-");
            Format(buffer, client);
            Append(buffer, "\",\"code\":\"8867-4\",\"value\":");
            Format(buffer, 50 + (index % 80));
            Append(buffer, ",\"unit\":\"/min\",\"time\":\"");
            var time = Epoch.AddSeconds(index);
            var span = buffer.GetSpan(32);
            if (!time.TryFormat(span, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("time does not fit");
            }

            buffer.Advance(written);
            Append(buffer, "\"}");
        }

        Append(buffer, "]");
        return buffer.WrittenSpan.ToArray();
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string ascii)
    {
        var written = Encoding.ASCII.GetBytes(ascii, buffer.GetSpan(ascii.Length));
        buffer.Advance(written);
    }

    private static void Format(ArrayBufferWriter<byte> buffer, long value, StandardFormat format = default)
    {
        if (!Utf8Formatter.TryFormat(value, buffer.GetSpan(24), out var written, format))
        {
            throw new InvalidOperationException("number does not fit");
        }

        buffer.Advance(written);
    }

    private static void Format(ArrayBufferWriter<byte> buffer, Guid value)
    {
        if (!Utf8Formatter.TryFormat(value, buffer.GetSpan(40), out var written))
        {
            throw new InvalidOperationException("guid does not fit");
        }

        buffer.Advance(written);
    }
}
