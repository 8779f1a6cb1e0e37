using System.Collections.Immutable;
using System.Text;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// Parses ER7 ("pipe") encoded HL7 v2 messages (HL7 v2.6 chapter 2). Delimiters come from MSH-1/MSH-2;
/// segments may end with CR (the standard, §2.5.3), LF or CRLF, and blank lines are skipped. Never throws on
/// bad input: the result names the segment and field that stopped it.
/// </summary>
public static class Hl7Parser
{
    private static readonly string[] KnownIds = ["MSH", "PID", "PV1", "OBR", "OBX", "NTE", "EVN", "MSA", "ERR", "ORC", "PD1", "SFT"];

    /// <summary>Parses UTF-8 bytes (invalid sequences become U+FFFD; PCD-01 senders use ASCII or UTF-8).</summary>
    public static Hl7ParseResult Parse(ReadOnlySpan<byte> utf8) => Parse(Encoding.UTF8.GetString(utf8));

    /// <summary>Parses message text.</summary>
    public static Hl7ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pos = 0;
        while (pos < text.Length && text[pos] is '\uFEFF' or '\r' or '\n')
        {
            pos++;
        }

        if (pos >= text.Length)
        {
            return Fail("MSH", 1, null, "message is empty");
        }

        if (!text.AsSpan(pos).StartsWith("MSH", StringComparison.Ordinal))
        {
            return Fail("MSH", 1, null, "Message does not start with an MSH segment");
        }

        if (text.Length < pos + 4 || text[pos + 3] is '\r' or '\n')
        {
            return Fail("MSH", 1, 1, "MSH-1 field separator is missing");
        }

        var field = text[pos + 3];
        var msh2Start = pos + 4;
        var msh2End = msh2Start;
        while (msh2End < text.Length && text[msh2End] != field && text[msh2End] is not '\r' and not '\n')
        {
            msh2End++;
        }

        if (!Hl7EncodingCharacters.TryCreate(field, text.AsSpan(msh2Start, msh2End - msh2Start), out var encoding, out var reason))
        {
            return Fail("MSH", 1, field == '\0' || char.IsLetterOrDigit(field) ? 1 : 2, reason);
        }

        return ParseSegments(text, pos, encoding);
    }

    private static Hl7ParseResult ParseSegments(string text, int pos, Hl7EncodingCharacters encoding)
    {
        var segments = ImmutableArray.CreateBuilder<Hl7Segment>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var bounds = new List<int>(32);
        var position = 0;
        while (pos < text.Length)
        {
            var end = text.AsSpan(pos).IndexOfAny('\r', '\n');
            end = end < 0 ? text.Length : pos + end;
            if (end > pos)
            {
                position++;
                var line = text.AsSpan(pos, end - pos);
                if (!IsValidId(line, encoding.Field))
                {
                    var shown = new string(line[..Math.Min(3, line.Length)]);
                    var error = new Hl7ParseError(Sanitize(shown), position, null, Hl7ErrorCode.SegmentSequenceError,
                        $"segment {position} has an invalid segment id '{shown}'");
                    return new Hl7ParseResult(segments.Count > 0 ? new Hl7Message(text, encoding, segments.ToImmutable()) : null, error);
                }

                var id = Intern(line[..3]);
                counts[id] = counts.TryGetValue(id, out var c) ? c + 1 : 1;
                bounds.Clear();
                bounds.Add(pos);
                for (var i = pos + 3; i < end; i++)
                {
                    if (text[i] == encoding.Field)
                    {
                        bounds.Add(i + 1);
                    }
                }

                bounds.Add(end + 1);

                segments.Add(new Hl7Segment(text, id, [.. bounds], encoding, counts[id]));
            }

            pos = end + 1;
        }

        return new Hl7ParseResult(new Hl7Message(text, encoding, segments.ToImmutable()), null);
    }

    private static bool IsValidId(ReadOnlySpan<char> line, char field)
    {
        if (line.Length < 3 || (line.Length > 3 && line[3] != field))
        {
            return false;
        }

        foreach (var c in line[..3])
        {
            if (c is not (>= 'A' and <= 'Z') and not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Intern(ReadOnlySpan<char> id)
    {
        foreach (var known in KnownIds)
        {
            if (id.SequenceEqual(known))
            {
                return known;
            }
        }

        return new string(id);
    }

    private static string Sanitize(string id) =>
        string.Create(id.Length, id, static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dst[i] = char.IsAsciiLetterOrDigit(src[i]) ? src[i] : '?';
            }
        });

    private static Hl7ParseResult Fail(string segment, int sequence, int? field, string reason) =>
        new(null, new Hl7ParseError(segment, sequence, field, Hl7ErrorCode.SegmentSequenceError, reason));
}
