namespace Iomt.Protocols.Hl7;

/// <summary>
/// The delimiters a message declares in MSH-1 and MSH-2 (HL7 v2.6 §2.5.4): field, component, repetition,
/// escape and subcomponent separators.
/// </summary>
public readonly record struct Hl7EncodingCharacters(char Field, char Component, char Repetition, char Escape, char Subcomponent)
{
    /// <summary>The usual <c>|^~\&amp;</c>.</summary>
    public static Hl7EncodingCharacters Default { get; } = new('|', '^', '~', '\\', '&');

    /// <summary>MSH-2 as written: component, repetition, escape, subcomponent.</summary>
    public string EncodingField => string.Concat(Component.ToString(), Repetition.ToString(), Escape.ToString(), Subcomponent.ToString());

    /// <summary>True when <paramref name="c"/> is one of the five delimiters.</summary>
    public bool IsDelimiter(char c) => c == Field || c == Component || c == Repetition || c == Escape || c == Subcomponent;

    /// <summary>
    /// Validates MSH-1 and MSH-2 (HL7 v2.6 §2.24.1.1–2): four distinct characters (a fifth, the v2.7 truncation
    /// character, is tolerated and ignored), none alphanumeric, blank or a segment terminator, none equal to MSH-1.
    /// </summary>
    public static bool TryCreate(char field, ReadOnlySpan<char> msh2, out Hl7EncodingCharacters encoding, out string reason)
    {
        encoding = default;
        if (!IsAllowedDelimiter(field))
        {
            reason = $"MSH-1 field separator '{Printable(field)}' is not a valid delimiter";
            return false;
        }

        if (msh2.Length is < 4 or > 5)
        {
            reason = $"MSH-2 must hold 4 encoding characters, found {msh2.Length}";
            return false;
        }

        for (var i = 0; i < msh2.Length; i++)
        {
            var c = msh2[i];
            if (!IsAllowedDelimiter(c) || c == field || msh2[..i].Contains(c))
            {
                reason = $"MSH-2 encoding character '{Printable(c)}' at position {i + 1} is invalid or repeated";
                return false;
            }
        }

        encoding = new Hl7EncodingCharacters(field, msh2[0], msh2[1], msh2[2], msh2[3]);
        reason = "";
        return true;
    }

    private static bool IsAllowedDelimiter(char c) => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && !char.IsControl(c);

    private static string Printable(char c) => char.IsControl(c) ? $"0x{(int)c:X2}" : c.ToString();
}
