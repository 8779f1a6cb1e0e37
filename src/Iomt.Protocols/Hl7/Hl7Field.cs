namespace Iomt.Protocols.Hl7;

/// <summary>
/// A view of one field of a segment over the message text; repetitions, components and subcomponents are
/// split on demand, so reading a message allocates only what is asked for.
/// </summary>
public readonly struct Hl7Field
{
    private readonly Hl7Text _text;

    internal Hl7Field(Hl7Text text) => _text = text;

    /// <summary>The delimiters of the message.</summary>
    public Hl7EncodingCharacters Encoding => _text.Encoding;

    /// <summary>The encoded text (for MSH-1 and MSH-2 the delimiters themselves).</summary>
    public ReadOnlySpan<char> Raw => _text.Raw;

    /// <summary>True when the field is absent or empty.</summary>
    public bool IsEmpty => _text.IsEmpty;

    /// <summary>True for the HL7 explicit null <c>""</c> (§2.5.3: "delete the value").</summary>
    public bool IsExplicitNull => Raw.SequenceEqual("\"\"");

    /// <summary>Number of repetitions (0 when empty).</summary>
    public int RepetitionCount => _text.Count(Encoding.Repetition);

    /// <summary>The decoded text of the whole field (deeper delimiters stay in place).</summary>
    public string Text => _text.Decoded;

    /// <summary>The 1-based repetition <paramref name="n"/> (empty when absent).</summary>
    public Hl7Repetition Repetition(int n) => new(_text.Part(Encoding.Repetition, n));

    /// <summary>Component <paramref name="n"/> of the first repetition.</summary>
    public Hl7Component Component(int n) => Repetition(1).Component(n);

    /// <inheritdoc />
    public override string ToString() => Text;
}
