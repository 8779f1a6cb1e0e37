namespace Iomt.Protocols.Hl7;

/// <summary>A view of one repetition of a field; components are split on demand.</summary>
public readonly struct Hl7Repetition
{
    private readonly Hl7Text _text;

    internal Hl7Repetition(Hl7Text text) => _text = text;

    /// <summary>The delimiters of the message.</summary>
    public Hl7EncodingCharacters Encoding => _text.Encoding;

    /// <summary>The encoded text.</summary>
    public ReadOnlySpan<char> Raw => _text.Raw;

    /// <summary>True when the repetition is absent or empty.</summary>
    public bool IsEmpty => _text.IsEmpty;

    /// <summary>Number of components (0 when empty).</summary>
    public int ComponentCount => _text.Count(Encoding.Component);

    /// <summary>The decoded text of the whole repetition (component delimiters stay in place).</summary>
    public string Text => _text.Decoded;

    /// <summary>The 1-based component <paramref name="n"/> (empty when absent).</summary>
    public Hl7Component Component(int n) => new(_text.Part(Encoding.Component, n));

    /// <inheritdoc />
    public override string ToString() => Text;
}
