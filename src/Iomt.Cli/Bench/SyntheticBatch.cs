using System.Text;

namespace Iomt.Cli.Bench;

/// <summary>
/// Writes a JSON batch of synthetic heart-rate readings for load and crash tests, straight into a byte
/// buffer (the load generator shares the machine with the server, so it must be cheap).
/// </summary>
public static class SyntheticBatch
{
    // Device times start here and advance one second per reading; far enough in the past that millions of
    // readings per client stay behind the server clock (the validator rejects times a day ahead).
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The message id of reading <paramref name="index"/> of client <paramref name="client"/> (sequential ids).</summary>
    public static string MessageId(int client, long index) => $"c{client}-{index:D9}";

    /// <summary>
    /// Writes readings <paramref name="first"/>..first+count-1 of a client: device <c>dev-{client}</c>, patient
    /// <c>p-{client}</c>, one reading per second of device time. With <paramref name="uuidIds"/> the ids are random GUIDs.
    /// </summary>
    public static byte[] Write(int client, long first, int count, bool uuidIds, List<string>? idsOut = null)
    {
        var sb = new StringBuilder(count * 150);
        sb.Append('[');
        for (var i = 0; i < count; i++)
        {
            var index = first + i;
            var id = uuidIds ? Guid.NewGuid().ToString() : MessageId(client, index);
            idsOut?.Add(id);
            if (i > 0)
            {
                sb.Append(',');
            }

            var time = Epoch.AddSeconds(index).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var value = 50 + (index % 80);
            sb.Append("{\"id\":\"").Append(id)
              .Append("\",\"deviceId\":\"dev-").Append(client)
              .Append("\",\"patientId\":\"p-").Append(client)
              .Append("\",\"code\":\"8867-4\",\"value\":").Append(value)
              .Append(",\"unit\":\"/min\",\"time\":\"").Append(time).Append("\"}");
        }

        sb.Append(']');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
