namespace Iomt.Protocols.Ble.Numbers;

/// <summary>
/// A decoded IEEE 11073-20601 medical number (SFLOAT or FLOAT): value = <see cref="Mantissa"/> × 10^<see cref="Exponent"/>
/// (both two's complement), or one of the special values. Keeps the transmitted mantissa and exponent so that
/// 120 sent as 1200e-1 re-encodes to the same word.
/// </summary>
public readonly record struct MedicalFloat(MedicalFloatKind Kind, int Mantissa, int Exponent)
{
    /// <summary>The special value NaN.</summary>
    public static MedicalFloat NaN => new(MedicalFloatKind.NaN, 0, 0);

    /// <summary>The special value NRes (not at this resolution).</summary>
    public static MedicalFloat NRes => new(MedicalFloatKind.NRes, 0, 0);

    /// <summary>The special value +INF.</summary>
    public static MedicalFloat PositiveInfinity => new(MedicalFloatKind.PositiveInfinity, 0, 0);

    /// <summary>The special value -INF.</summary>
    public static MedicalFloat NegativeInfinity => new(MedicalFloatKind.NegativeInfinity, 0, 0);

    /// <summary>The reserved special value.</summary>
    public static MedicalFloat Reserved => new(MedicalFloatKind.Reserved, 0, 0);

    /// <summary>A finite number mantissa × 10^exponent.</summary>
    public static MedicalFloat Finite(int mantissa, int exponent) => new(MedicalFloatKind.Finite, mantissa, exponent);

    /// <summary>True for an ordinary number.</summary>
    public bool IsFinite => Kind == MedicalFloatKind.Finite;

    /// <summary>The number as a double: NaN for NaN/NRes/reserved, ±∞ for the infinities.</summary>
    public double Value => Kind switch
    {
        MedicalFloatKind.Finite => PowersOfTen.Scale(Mantissa, Exponent),
        MedicalFloatKind.PositiveInfinity => double.PositiveInfinity,
        MedicalFloatKind.NegativeInfinity => double.NegativeInfinity,
        _ => double.NaN,
    };

    /// <summary>The README name of a special value ("NaN", "NRes", "+INF", "-INF", "reserved"); null when finite.</summary>
    public string? SpecialName => Kind switch
    {
        MedicalFloatKind.NaN => "NaN",
        MedicalFloatKind.NRes => "NRes",
        MedicalFloatKind.PositiveInfinity => "+INF",
        MedicalFloatKind.NegativeInfinity => "-INF",
        MedicalFloatKind.Reserved => "reserved",
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() =>
        SpecialName ?? Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
