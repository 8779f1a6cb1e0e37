using System.Globalization;

namespace Iomt.Protocols.Ble;

/// <summary>
/// Reads the "value" text of a forwarded notification. Hex is preferred (spaces, ':' and '-' separators and a "0x"
/// prefix allowed); text that is not an even number of hex digits is read as base64. "AAAA" is valid in both, so a
/// sender that uses base64 should say <c>"encoding": "base64"</c>.
/// </summary>
public static class GattPayload
{
    /// <summary>Decodes <paramref name="text"/>; false with a message (naming the position) when it is neither form.</summary>
    public static bool TryDecode(string? text, string? encoding, out byte[] bytes, out string error)
    {
        bytes = [];
        error = "";
        if (text is null)
        {
            error = "value is missing";
            return false;
        }

        switch (encoding?.ToLowerInvariant())
        {
            case null or "":
                return TryHex(text, out bytes, out _) || TryBase64(text, out bytes, out error);
            case "hex":
                return TryHex(text, out bytes, out error);
            case "base64":
                return TryBase64(text, out bytes, out error);
            default:
                error = $"encoding '{encoding}' is not 'hex' or 'base64'";
                return false;
        }
    }

    private static bool TryHex(string text, out byte[] bytes, out string error)
    {
        bytes = [];
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            t = t[2..];
        }

        Span<char> digits = t.Length <= 512 ? stackalloc char[t.Length] : new char[t.Length];
        var n = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c is ' ' or ':' or '-')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"value is not hex: character '{c}' at position {i}");
                return false;
            }

            digits[n++] = c;
        }

        if (n % 2 != 0)
        {
            error = $"value has an odd number of hex digits ({n})";
            return false;
        }

        bytes = Convert.FromHexString(digits[..n]);
        error = "";
        return true;
    }

    private static bool TryBase64(string text, out byte[] bytes, out string error)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text.Trim(), buffer, out var written))
        {
            bytes = buffer[..written];
            error = "";
            return true;
        }

        bytes = [];
        error = "value is neither hex nor base64";
        return false;
    }
}
