namespace Iomt.Protocols.Hl7;

/// <summary>A view of one repetition of a field; components are split on demand.</summary>
public readonly struct Hl7Repetition
{
    private readonly string? _source;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _literal;

    internal Hl7Repetition(string source, int start, int length, Hl7EncodingCharacters encoding, bool literal)
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

    /// <summary>True when the repetition is absent or empty.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>Number of components (0 when empty).</summary>
    public int ComponentCount => _literal ? (_length == 0 ? 0 : 1) : Hl7Splitter.Count(Raw, Encoding.Component);

    /// <summary>The decoded text of the whole repetition (component delimiters stay in place).</summary>
    public string Text => _literal ? new string(Raw) : Hl7Escaping.Unescape(Raw, Encoding);

    /// <summary>The 1-based component <paramref name="n"/> (empty when absent).</summary>
    public Hl7Component Component(int n)
    {
        if (_source is null)
        {
            return default;
        }

        if (_literal)
        {
            return n == 1 ? new Hl7Component(_source, _start, _length, Encoding, true) : default;
        }

        var (s, l) = Hl7Splitter.Part(Raw, Encoding.Component, n);
        return new Hl7Component(_source, _start + s, l, Encoding, false);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
