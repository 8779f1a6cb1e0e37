using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Ble;

/// <summary>
/// Maps a forwarded notification plus the device id to <see cref="Measurement"/>s with deterministic message ids
/// <c>&lt;base&gt;#&lt;index&gt;</c>, where the base is the gateway's messageId or <c>gatt-</c> + a SHA-256 prefix of
/// (characteristic, value octets, time). A resend of the same notification therefore yields the same ids and is
/// de-duplicated by ingestion; hex and base64 of the same octets hash alike.
/// </summary>
public static class GattNotificationMapper
{
    /// <summary>Decodes and maps one notification; never throws on bad content.</summary>
    /// <param name="notification">The notification as forwarded.</param>
    /// <param name="deviceId">The platform device id (from the URL or MQTT topic).</param>
    /// <param name="receivedTime">When the platform received it; also the time used when the notification has none.</param>
    /// <param name="mode">Strict (default) or lenient treatment of RFU content.</param>
    public static GattNotificationResult Map(GattNotification notification, string deviceId, DateTimeOffset receivedTime, GattDecodeMode mode = GattDecodeMode.Strict)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var uuid = GattCharacteristics.Normalize(notification.Characteristic) ?? notification.Characteristic;
        if (!GattPayload.TryDecode(notification.Value, notification.Encoding, out var bytes, out var payloadError))
        {
            var id = BaseMessageId(notification, uuid, Encoding.UTF8.GetBytes(notification.Value ?? ""), receivedTime);
            return new GattNotificationResult(id, [], new GattError(GattErrorReason.InvalidEncoding, "value", 0, payloadError));
        }

        var messageId = BaseMessageId(notification, uuid, bytes, receivedTime);
        var decoded = GattCharacteristics.Decode(uuid, bytes, mode);
        if (!decoded.TryGetValue(out var value))
        {
            return new GattNotificationResult(messageId, [], decoded.Error);
        }

        var observations = new List<GattObservation>(4);
        value.AddObservations(observations);
        var sent = notification.Time ?? receivedTime;
        var builder = ImmutableArray.CreateBuilder<Measurement>(observations.Count);
        for (var i = 0; i < observations.Count; i++)
        {
            var o = observations[i];
            builder.Add(new Measurement
            {
                DeviceId = deviceId,
                MessageId = string.Create(CultureInfo.InvariantCulture, $"{messageId}#{i}"),
                Code = o.Code,
                Value = o.Value,
                Unit = o.Unit,
                DeviceTime = DeviceTime(o.DeviceLocalTime, sent),
                ReceivedTime = receivedTime.ToUniversalTime(),
            });
        }

        return new GattNotificationResult(messageId, builder.MoveToImmutable(), null);
    }

    /// <summary>
    /// A characteristic's own Date Time carries no zone; it is read in the UTC offset of the gateway's time (phone and
    /// sensor normally share a zone). Without a device time stamp the gateway's time is the measurement time.
    /// </summary>
    private static DateTimeOffset DeviceTime(DateTime? local, DateTimeOffset sent) =>
        local is { } t ? new DateTimeOffset(t, sent.Offset).ToUniversalTime() : sent.ToUniversalTime();

    private static string BaseMessageId(GattNotification n, string uuid, byte[] bytes, DateTimeOffset receivedTime)
    {
        if (!string.IsNullOrWhiteSpace(n.MessageId))
        {
            return n.MessageId.Trim();
        }

        var time = (n.Time ?? receivedTime).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var key = Encoding.UTF8.GetBytes($"{uuid}|{Convert.ToHexString(bytes)}|{time}");
        return "gatt-" + Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 16));
    }
}
