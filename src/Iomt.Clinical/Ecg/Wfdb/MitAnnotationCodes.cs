namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>The standard WFDB annotation codes (<c>ecgcodes.h</c>) and which of them mark beats.</summary>
public static class MitAnnotationCodes
{
    /// <summary>Rhythm change; the aux text names the new rhythm.</summary>
    public const byte Rhythm = 28;

    /// <summary>Start of ventricular flutter or fibrillation (<c>[</c>, VFON).</summary>
    public const byte VentricularFlutterOn = 32;

    /// <summary>End of ventricular flutter or fibrillation (<c>]</c>, VFOFF).</summary>
    public const byte VentricularFlutterOff = 33;

    /// <summary>Largest code a regular annotation may have.</summary>
    public const byte MaxCode = 49;

    // Index = code. Mnemonics as printed by rdann.
    private static readonly string[] Mnemonics =
    [
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T",
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(",
        ")", "r", "[42]", "[43]", "[44]", "[45]", "[46]", "[47]", "[48]", "[49]",
    ];

    /// <summary>True for codes that label a QRS complex (WFDB <c>isqrs</c>): N L R a V F J A S E j / Q B e n f r.</summary>
    public static bool IsBeat(byte code) => code is (>= 1 and <= 13) or 25 or 34 or 35 or 38 or 41;

    /// <summary>The mnemonic of a code.</summary>
    public static string Mnemonic(byte code) => code < Mnemonics.Length ? Mnemonics[code] : $"[{code}]";
}
