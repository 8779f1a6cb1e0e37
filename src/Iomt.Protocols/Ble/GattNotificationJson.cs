using System.Globalization;
using System.Text.Json;

namespace Iomt.Protocols.Ble;

/// <summary>
/// Parses the JSON a gateway posts: one notification object or an array of them, each
/// <c>{"characteristic", "value", "time"?, "messageId"?, "encoding"?}</c>. Errors name the field; unknown properties
/// are ignored. The value text is checked here (hex or base64) so a bad body is refused as a whole.
/// </summary>
public static class GattNotificationJson
{
    /// <summary>The most notifications one body may carry.</summary>
    public const int MaxNotifications = 10_000;

    /// <summary>Parses <paramref name="utf8Json"/>; never throws on bad input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, out List<GattNotification> notifications, out GattBodyError error)
    {
        // System.Text.Json checks string contents only when a string is read: invalid UTF-8 or an escaped
        // lone surrogate would throw InvalidOperationException there, so both are answered as body errors.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            notifications = [];
            error = new GattBodyError("body", "not valid UTF-8");
            return false;
        }

        try
        {
            return TryParseChecked(utf8Json, out notifications, out error);
        }
        catch (InvalidOperationException)
        {
            notifications = [];
            error = new GattBodyError("body", "a string holds an invalid escape (e.g. a lone UTF-16 surrogate)");
            return false;
        }
    }

    private static bool TryParseChecked(ReadOnlySpan<byte> utf8Json, out List<GattNotification> notifications, out GattBodyError error)
    {
        notifications = [];
        error = default;
        JsonDocument doc;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            error = new GattBodyError("body", $"not valid JSON: {e.Message}");
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return TryParseOne(root, "", notifications, out error);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                error = new GattBodyError("body", "expected a notification object or an array of them");
                return false;
            }

            var count = root.GetArrayLength();
            if (count is 0 or > MaxNotifications)
            {
                error = new GattBodyError("body", $"the array must hold 1 to {MaxNotifications} notifications, not {count}");
                return false;
            }

            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"[{i++}].");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    error = new GattBodyError(prefix.TrimEnd('.'), "expected a notification object");
                    return false;
                }

                if (!TryParseOne(item, prefix, notifications, out error))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool TryParseOne(JsonElement o, string prefix, List<GattNotification> into, out GattBodyError error)
    {
        error = default;
        if (!TryString(o, "characteristic", prefix, required: true, out var characteristic, out error)
            || !TryString(o, "value", prefix, required: true, out var value, out error)
            || !TryString(o, "time", prefix, required: false, out var timeText, out error)
            || !TryString(o, "messageId", prefix, required: false, out var messageId, out error)
            || !TryString(o, "encoding", prefix, required: false, out var encoding, out error))
        {
            return false;
        }

        if (GattCharacteristics.Normalize(characteristic) is null && !IsUuidLike(characteristic!))
        {
            error = new GattBodyError(prefix + "characteristic", $"'{characteristic}' is not a 16-bit or 128-bit Bluetooth UUID");
            return false;
        }

        if (!GattPayload.TryDecode(value, encoding, out _, out var payloadError))
        {
            error = new GattBodyError(prefix + (payloadError.StartsWith("encoding", StringComparison.Ordinal) ? "encoding" : "value"), payloadError);
            return false;
        }

        DateTimeOffset? time = null;
        if (timeText is not null)
        {
            // Require an explicit offset: a zone-less time would be read in the server's zone, silently.
            if (!DateTimeOffset.TryParseExact(timeText, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                || !(timeText.EndsWith('Z') || timeText.EndsWith('z') || HasOffset(timeText)))
            {
                error = new GattBodyError(prefix + "time", $"'{timeText}' is not an ISO 8601 time with an offset (e.g. 2026-11-22T08:00:00Z)");
                return false;
            }

            time = t;
        }

        if (messageId is { Length: > 200 })
        {
            error = new GattBodyError(prefix + "messageId", "longer than 200 characters");
            return false;
        }

        into.Add(new GattNotification(characteristic!, value!, time, messageId, encoding));
        return true;
    }

    private static bool HasOffset(string s) => s.Length > 6 && s[^6] is '+' or '-' && s[^3] == ':';

    private static bool IsUuidLike(string s) => s.Length == 36 && Guid.TryParse(s, out _)
        || (s.Trim().Length is > 0 and <= 6 && uint.TryParse(s.Trim().Replace("0x", "", StringComparison.OrdinalIgnoreCase), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) && n <= 0xFFFF);

    private static bool TryString(JsonElement o, string name, string prefix, bool required, out string? value, out GattBodyError error)
    {
        value = null;
        error = default;
        if (!o.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                error = new GattBodyError(prefix + name, "is required");
                return false;
            }

            return true;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            error = new GattBodyError(prefix + name, $"must be a string, not {p.ValueKind.ToString().ToLowerInvariant()}");
            return false;
        }

        value = p.GetString();
        return true;
    }
}
