using System.Globalization;
using System.Text.Json;

namespace Iomt.Protocols.VendorJson;

/// <summary>
/// A small JSONPath subset (after Goessner's JSONPath and RFC 9535): <c>$</c> (message root) or <c>@</c> (current
/// item), <c>.name</c>, <c>['name']</c>, <c>[n]</c> (negative from the end), <c>[*]</c>, <c>.*</c>, <c>..name</c>
/// (descendants) and filters <c>[?(@.a.b)]</c>, <c>[?(@.a == 'x')]</c>, <c>[?(@.a != 3)]</c>. Parsed once, evaluated
/// many times; parsing returns an error text instead of throwing.
/// </summary>
public sealed class JsonPathExpression
{
    private readonly Segment[] _segments;

    private JsonPathExpression(string text, bool relative, Segment[] segments)
    {
        Text = text;
        IsRelative = relative;
        _segments = segments;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True when it starts at the current item (<c>@</c>) rather than the message root (<c>$</c>).</summary>
    public bool IsRelative { get; }

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when malformed.</summary>
    public static JsonPathExpression? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text) || (text[0] != '$' && text[0] != '@'))
        {
            error = "must start with $ or @";
            return null;
        }

        var segments = new List<Segment>();
        var pos = 1;
        while (pos < text.Length && error is null)
        {
            segments.Add(ParseSegment(text, ref pos, out error));
        }

        return error is null ? new JsonPathExpression(text, text[0] == '@', [.. segments]) : null;
    }

    /// <summary>Every value the expression selects, in document order.</summary>
    public List<JsonElement> Select(JsonElement root, JsonElement current)
    {
        var nodes = new List<JsonElement> { IsRelative ? current : root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonElement>();
            foreach (var node in nodes)
            {
                segment.Apply(node, next, root);
            }

            nodes = next;
            if (nodes.Count == 0)
            {
                break;
            }
        }

        return nodes;
    }

    /// <summary>The first selected value, if any.</summary>
    public JsonElement? First(JsonElement root, JsonElement current) => Select(root, current) is { Count: > 0 } list ? list[0] : null;

    /// <inheritdoc />
    public override string ToString() => Text;

    private static Segment ParseSegment(string s, ref int pos, out string? error)
    {
        error = null;
        if (s[pos] == '.')
        {
            var descendants = pos + 1 < s.Length && s[pos + 1] == '.';
            pos += descendants ? 2 : 1;
            if (pos < s.Length && s[pos] == '*')
            {
                pos++;
                return new Segment(SegmentKind.Wildcard, null, 0, null, descendants);
            }

            var start = pos;
            while (pos < s.Length && s[pos] is not ('.' or '['))
            {
                pos++;
            }

            if (pos == start)
            {
                error = $"empty name at position {start}";
            }

            return new Segment(SegmentKind.Name, s[start..pos], 0, null, descendants);
        }

        if (s[pos] != '[')
        {
            error = $"unexpected '{s[pos]}' at position {pos}";
            pos = s.Length;
            return default;
        }

        var close = s.IndexOf(']', pos);
        if (close < 0)
        {
            error = $"'[' at position {pos} is not closed";
            pos = s.Length;
            return default;
        }

        var inner = s[(pos + 1)..close].Trim();
        if (inner.StartsWith("?(", StringComparison.Ordinal))
        {
            close = s.IndexOf(")]", pos, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"filter at position {pos} is not closed with ')]'";
                pos = s.Length;
                return default;
            }

            var filter = Filter.TryParse(s[(pos + 3)..close].Trim(), out error);
            pos = close + 2;
            return new Segment(SegmentKind.Filter, null, 0, filter, false);
        }

        pos = close + 1;
        if (inner == "*")
        {
            return new Segment(SegmentKind.Wildcard, null, 0, null, false);
        }

        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return new Segment(SegmentKind.Name, inner[1..^1], 0, null, false);
        }

        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return new Segment(SegmentKind.Index, null, index, null, false);
        }

        error = $"unsupported selector [{inner}]";
        return default;
    }

    private enum SegmentKind
    {
        Name,
        Index,
        Wildcard,
        Filter,
    }

    private readonly record struct Segment(SegmentKind Kind, string? Name, int Index, Filter? Filter, bool Descendants)
    {
        public void Apply(JsonElement node, List<JsonElement> output, JsonElement root)
        {
            ApplyHere(node, output, root);
            if (Descendants)
            {
                foreach (var child in Children(node))
                {
                    Apply(child, output, root);
                }
            }
        }

        private void ApplyHere(JsonElement node, List<JsonElement> output, JsonElement root)
        {
            switch (Kind)
            {
                case SegmentKind.Name when node.ValueKind == JsonValueKind.Object && node.TryGetProperty(Name!, out var value):
                    output.Add(value);
                    break;
                case SegmentKind.Index when node.ValueKind == JsonValueKind.Array:
                    var length = node.GetArrayLength();
                    var i = Index < 0 ? length + Index : Index;
                    if (i >= 0 && i < length)
                    {
                        output.Add(node[i]);
                    }

                    break;
                case SegmentKind.Wildcard:
                    output.AddRange(Children(node));
                    break;
                case SegmentKind.Filter:
                    var filter = Filter!;
                    output.AddRange(Children(node).Where(child => filter.Matches(root, child)));
                    break;
            }
        }

        private static IEnumerable<JsonElement> Children(JsonElement node) => node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => node.EnumerateArray(),
            _ => [],
        };
    }

    private sealed class Filter(JsonPathExpression left, string? op, string? literal)
    {
        public static Filter? TryParse(string text, out string? error)
        {
            error = null;
            foreach (var op in new[] { "==", "!=" })
            {
                var at = text.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    var path = JsonPathExpression.TryParse(text[..at].Trim(), out error);
                    var literal = text[(at + 2)..].Trim();
                    if (literal.Length >= 2 && literal[0] is '\'' or '"' && literal[^1] == literal[0])
                    {
                        literal = literal[1..^1];
                    }

                    return path is null ? null : new Filter(path, op, literal);
                }
            }

            var exists = JsonPathExpression.TryParse(text, out error);
            return exists is null ? null : new Filter(exists, null, null);
        }

        public bool Matches(JsonElement root, JsonElement item)
        {
            var value = left.First(root, item);
            if (op is null)
            {
                return value is not null;
            }

            var equal = value is { } v && ScalarText(v) == literal;
            return op == "==" ? equal : !equal;
        }
    }

    /// <summary>The text of a scalar (string without quotes, number and boolean as written).</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
