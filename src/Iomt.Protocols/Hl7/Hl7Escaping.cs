using System.Globalization;
using System.Text;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// HL7 v2 escape sequences (HL7 v2.6 §2.7): <c>\F\ \S\ \T\ \R\ \E\</c> map to the delimiters, <c>\Xhh..\</c>
/// to the bytes it spells (read as UTF-8). Formatting sequences (<c>\H\ \N\ \.br\ \Cxxyy\</c> …) have no plain-text
/// meaning and are kept verbatim; an unterminated escape is kept as data.
/// </summary>
public static class Hl7Escaping
{
    /// <summary>The decoded text of an encoded element.</summary>
    public static string Unescape(ReadOnlySpan<char> raw, Hl7EncodingCharacters encoding)
    {
        var first = raw.IndexOf(encoding.Escape);
        if (first < 0)
        {
            return raw.Length == 0 ? "" : new string(raw);
        }

        var sb = new StringBuilder(raw.Length);
        sb.Append(raw[..first]);
        var i = first;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != encoding.Escape)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var close = raw[(i + 1)..].IndexOf(encoding.Escape);
            if (close < 0)
            {
                sb.Append(raw[i..]);
                break;
            }

            var body = raw.Slice(i + 1, close);
            AppendEscape(sb, body, raw.Slice(i, close + 2), encoding);
            i += close + 2;
        }

        return sb.ToString();
    }

    /// <summary>Encodes text so that delimiters in it survive as data.</summary>
    public static void Escape(StringBuilder output, ReadOnlySpan<char> text, Hl7EncodingCharacters encoding)
    {
        foreach (var c in text)
        {
            if (c == encoding.Escape)
            {
                output.Append(encoding.Escape).Append('E').Append(encoding.Escape);
            }
            else if (c == encoding.Field)
            {
                output.Append(encoding.Escape).Append('F').Append(encoding.Escape);
            }
            else if (c == encoding.Component)
            {
                output.Append(encoding.Escape).Append('S').Append(encoding.Escape);
            }
            else if (c == encoding.Subcomponent)
            {
                output.Append(encoding.Escape).Append('T').Append(encoding.Escape);
            }
            else if (c == encoding.Repetition)
            {
                output.Append(encoding.Escape).Append('R').Append(encoding.Escape);
            }
            else if (c is '\r' or '\n')
            {
                // A raw CR would end the segment; \X0D\ / \X0A\ carry it as data (§2.7.5).
                output.Append(encoding.Escape).Append(c == '\r' ? "X0D" : "X0A").Append(encoding.Escape);
            }
            else
            {
                output.Append(c);
            }
        }
    }

    /// <summary>Encodes text so that delimiters in it survive as data.</summary>
    public static string Escape(ReadOnlySpan<char> text, Hl7EncodingCharacters encoding)
    {
        var sb = new StringBuilder(text.Length + 8);
        Escape(sb, text, encoding);
        return sb.ToString();
    }

    private static void AppendEscape(StringBuilder sb, ReadOnlySpan<char> body, ReadOnlySpan<char> whole, Hl7EncodingCharacters encoding)
    {
        if (body.Length == 1)
        {
            switch (body[0])
            {
                case 'F': sb.Append(encoding.Field); return;
                case 'S': sb.Append(encoding.Component); return;
                case 'T': sb.Append(encoding.Subcomponent); return;
                case 'R': sb.Append(encoding.Repetition); return;
                case 'E': sb.Append(encoding.Escape); return;
                default: break;
            }
        }

        if (body.Length >= 3 && body[0] == 'X' && (body.Length - 1) % 2 == 0 && TryAppendHex(sb, body[1..]))
        {
            return;
        }

        sb.Append(whole);
    }

    private static bool TryAppendHex(StringBuilder sb, ReadOnlySpan<char> hex)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(hex.Length / 2, 256)];
        if (hex.Length / 2 > bytes.Length)
        {
            return false;
        }

        for (var k = 0; k < bytes.Length; k++)
        {
            if (!byte.TryParse(hex.Slice(k * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[k]))
            {
                return false;
            }
        }

        sb.Append(Encoding.UTF8.GetString(bytes));
        return true;
    }
}
