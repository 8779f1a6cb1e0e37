namespace Iomt.Protocols.Hl7;

/// <summary>
/// A stretch of a message's text at one level of its structure (a field, a repetition, a component): its encoded text,
/// its decoded text and its parts at the next level, split on demand. <see cref="Hl7Field"/>, <see cref="Hl7Repetition"/>
/// and <see cref="Hl7Component"/> are views over it that differ only in the delimiter of their next level. A literal
/// stretch (MSH-1 and MSH-2, the delimiters themselves) is a single part and is never unescaped.
/// </summary>
internal readonly struct Hl7Text
{
    private readonly string? _source;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _literal;

    public Hl7Text(string source, int start, int length, Hl7EncodingCharacters encoding, bool literal)
    {
        _source = source;
        _start = start;
        _length = length;
        Encoding = encoding;
        _literal = literal;
    }

    public Hl7EncodingCharacters Encoding { get; }

    public ReadOnlySpan<char> Raw => _source is null ? default : _source.AsSpan(_start, _length);

    public bool IsEmpty => _length == 0;

    public string Decoded => _literal ? new string(Raw) : Hl7Escaping.Unescape(Raw, Encoding);

    /// <summary>Number of parts between <paramref name="separator"/>s (0 when empty).</summary>
    public int Count(char separator) => _literal ? (_length == 0 ? 0 : 1) : Hl7Splitter.Count(Raw, separator);

    /// <summary>The 1-based part <paramref name="n"/> between <paramref name="separator"/>s (empty when absent).</summary>
    public Hl7Text Part(char separator, int n)
    {
        if (_source is null)
        {
            return default;
        }

        if (_literal)
        {
            return n == 1 ? this : default;
        }

        var (start, length) = Hl7Splitter.Part(Raw, separator, n);
        return new Hl7Text(_source, _start + start, length, Encoding, literal: false);
    }
}
