namespace Iomt.Protocols.Hl7;

/// <summary>A view of one component of a field repetition; subcomponents are split on demand.</summary>
public readonly struct Hl7Component
{
    private readonly string? _source;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _literal;

    internal Hl7Component(string source, int start, int length, Hl7EncodingCharacters encoding, bool literal)
    {
        _source = source;
        _start = start;
        _length = length;
        Encoding = encoding;
        _literal = literal;
    }

    /// <summary>The delimiters of the message.</summary>
    public Hl7EncodingCharacters Encoding { get; }

    /// <summary>The encoded text.</summary>
    public ReadOnlySpan<char> Raw => _source is null ? default : _source.AsSpan(_start, _length);

    /// <summary>True when the component is absent or empty.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>Number of subcomponents (0 when empty).</summary>
    public int SubcomponentCount => _literal ? (_length == 0 ? 0 : 1) : Hl7Splitter.Count(Raw, Encoding.Subcomponent);

    /// <summary>The decoded text of the whole component (delimiters of deeper levels stay in place).</summary>
    public string Text => _literal ? new string(Raw) : Hl7Escaping.Unescape(Raw, Encoding);

    /// <summary>The encoded text of the 1-based subcomponent <paramref name="n"/>.</summary>
    public ReadOnlySpan<char> SubcomponentRaw(int n)
    {
        if (_literal)
        {
            return n == 1 ? Raw : default;
        }

        var (s, l) = Hl7Splitter.Part(Raw, Encoding.Subcomponent, n);
        return Raw.Slice(s, l);
    }

    /// <summary>The decoded text of the 1-based subcomponent <paramref name="n"/> ("" when absent).</summary>
    public string Subcomponent(int n) => _literal ? (n == 1 ? new string(Raw) : "") : Hl7Escaping.Unescape(SubcomponentRaw(n), Encoding);

    /// <inheritdoc />
    public override string ToString() => Text;
}
