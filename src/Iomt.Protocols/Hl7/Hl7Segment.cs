namespace Iomt.Protocols.Hl7;

/// <summary>
/// One segment of a parsed message: its id and the positions of its fields in the message text. Fields are
/// numbered as in the standard, so for MSH field 1 is the field separator and field 2 the encoding characters.
/// </summary>
public sealed class Hl7Segment
{
    private readonly string _source;
    private readonly int[] _bounds;
    private readonly bool _isHeader;

    /// <param name="source">The message text.</param>
    /// <param name="id">Segment id.</param>
    /// <param name="bounds">Start of each separator-delimited part, followed by one past the segment's last char + 1.</param>
    /// <param name="encoding">The message delimiters.</param>
    /// <param name="sequence">1-based occurrence of this segment id in the message.</param>
    internal Hl7Segment(string source, string id, int[] bounds, Hl7EncodingCharacters encoding, int sequence)
    {
        _source = source;
        _bounds = bounds;
        Id = id;
        Encoding = encoding;
        Sequence = sequence;
        _isHeader = id == "MSH";
    }

    /// <summary>Segment id, e.g. "OBX".</summary>
    public string Id { get; }

    /// <summary>1-based occurrence of this segment id in the message (the "sequence" of an ERR location).</summary>
    public int Sequence { get; }

    /// <summary>The message delimiters.</summary>
    public Hl7EncodingCharacters Encoding { get; }

    /// <summary>The highest field number present.</summary>
    public int FieldCount => _bounds.Length - 2 + (_isHeader ? 1 : 0);

    /// <summary>The encoded text of the segment without its terminator.</summary>
    public ReadOnlySpan<char> Raw => _source.AsSpan(_bounds[0], _bounds[^1] - 1 - _bounds[0]);

    /// <summary>Field <paramref name="n"/> (1-based; empty when absent).</summary>
    public Hl7Field Field(int n)
    {
        if (n < 1 || n > FieldCount)
        {
            return default;
        }

        if (_isHeader && n <= 2)
        {
            // MSH-1 is the separator itself and MSH-2 the encoding characters: never split or unescaped (§2.24.1).
            return n == 1
                ? new Hl7Field(new Hl7Text(_source, _bounds[1] - 1, 1, Encoding, literal: true))
                : PartField(1, literal: true);
        }

        return PartField(_isHeader ? n - 1 : n, literal: false);
    }

    /// <summary>The decoded text at a position (1-based; "" when absent).</summary>
    public string Get(int field, int repetition = 1, int component = 1, int subcomponent = 1) =>
        Field(field).Repetition(repetition).Component(component).Subcomponent(subcomponent);

    /// <inheritdoc />
    public override string ToString() => new(Raw);

    private Hl7Field PartField(int part, bool literal)
    {
        var start = _bounds[part];
        var length = _bounds[part + 1] - 1 - start;
        return new Hl7Field(new Hl7Text(_source, start, length, Encoding, literal));
    }
}
