namespace Iomt.Protocols.Hl7;

/// <summary>A view of one component of a field repetition; subcomponents are split on demand.</summary>
public readonly struct Hl7Component
{
    private readonly Hl7Text _text;

    internal Hl7Component(Hl7Text text) => _text = text;

    /// <summary>The delimiters of the message.</summary>
    public Hl7EncodingCharacters Encoding => _text.Encoding;

    /// <summary>The encoded text.</summary>
    public ReadOnlySpan<char> Raw => _text.Raw;

    /// <summary>True when the component is absent or empty.</summary>
    public bool IsEmpty => _text.IsEmpty;

    /// <summary>Number of subcomponents (0 when empty).</summary>
    public int SubcomponentCount => _text.Count(Encoding.Subcomponent);

    /// <summary>The decoded text of the whole component (delimiters of deeper levels stay in place).</summary>
    public string Text => _text.Decoded;

    /// <summary>The encoded text of the 1-based subcomponent <paramref name="n"/>.</summary>
    public ReadOnlySpan<char> SubcomponentRaw(int n) => _text.Part(Encoding.Subcomponent, n).Raw;

    /// <summary>The decoded text of the 1-based subcomponent <paramref name="n"/> ("" when absent).</summary>
    public string Subcomponent(int n) => _text.Part(Encoding.Subcomponent, n).Decoded;

    /// <inheritdoc />
    public override string ToString() => Text;
}
