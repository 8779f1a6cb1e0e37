namespace Iomt.Protocols.Hl7;

/// <summary>
/// A view of one field of a segment over the message text; repetitions, components and subcomponents are
/// split on demand, so reading a message allocates only what is asked for.
/// </summary>
public readonly struct Hl7Field
{
    private readonly string? _source;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _literal;

    internal Hl7Field(string source, int start, int length, Hl7EncodingCharacters encoding, bool literal)
    {
        _source = source;
        _start = start;
        _length = length;
        Encoding = encoding;
        _literal = literal;
    }

    /// <summary>The delimiters of the message.</summary>
    public Hl7EncodingCharacters Encoding { get; }

    /// <summary>The encoded text (for MSH-1 and MSH-2 the delimiters themselves).</summary>
    public ReadOnlySpan<char> Raw => _source is null ? default : _source.AsSpan(_start, _length);

    /// <summary>True when the field is absent or empty.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>True for the HL7 explicit null <c>""</c> (§2.5.3: "delete the value").</summary>
    public bool IsExplicitNull => Raw.SequenceEqual("\"\"");

    /// <summary>Number of repetitions (0 when empty).</summary>
    public int RepetitionCount => _literal ? (_length == 0 ? 0 : 1) : Hl7Splitter.Count(Raw, Encoding.Repetition);

    /// <summary>The decoded text of the whole field (deeper delimiters stay in place).</summary>
    public string Text => _literal ? new string(Raw) : Hl7Escaping.Unescape(Raw, Encoding);

    /// <summary>The 1-based repetition <paramref name="n"/> (empty when absent).</summary>
    public Hl7Repetition Repetition(int n)
    {
        if (_source is null)
        {
            return default;
        }

        if (_literal)
        {
            return n == 1 ? new Hl7Repetition(_source, _start, _length, Encoding, true) : default;
        }

        var (s, l) = Hl7Splitter.Part(Raw, Encoding.Repetition, n);
        return new Hl7Repetition(_source, _start + s, l, Encoding, false);
    }

    /// <summary>Component <paramref name="n"/> of the first repetition.</summary>
    public Hl7Component Component(int n) => Repetition(1).Component(n);

    /// <inheritdoc />
    public override string ToString() => Text;
}
