namespace Iomt.Protocols.Ble.Numbers;

/// <summary>
/// IEEE 11073-20601 §F.8 SFLOAT-Type (16 bit: 4-bit exponent, 12-bit mantissa) and FLOAT-Type (32 bit: 8-bit
/// exponent, 24-bit mantissa), both fields two's complement. The special values are the exact words with
/// exponent 0 and mantissa 0x7FF/0x800/0x7FE/0x802/0x801 (FLOAT: 0x7FFFFF/0x800000/0x7FFFFE/0x800002/0x800001);
/// any other exponent makes the same mantissa an ordinary number.
/// </summary>
public static class Ieee11073Float
{
    /// <summary>Smallest SFLOAT mantissa.</summary>
    public const int SFloatMantissaMin = -2048;

    /// <summary>Largest SFLOAT mantissa.</summary>
    public const int SFloatMantissaMax = 2047;

    /// <summary>Smallest SFLOAT exponent.</summary>
    public const int SFloatExponentMin = -8;

    /// <summary>Largest SFLOAT exponent.</summary>
    public const int SFloatExponentMax = 7;

    /// <summary>Smallest FLOAT mantissa.</summary>
    public const int FloatMantissaMin = -8_388_608;

    /// <summary>Largest FLOAT mantissa.</summary>
    public const int FloatMantissaMax = 8_388_607;

    /// <summary>Smallest FLOAT exponent.</summary>
    public const int FloatExponentMin = -128;

    /// <summary>Largest FLOAT exponent.</summary>
    public const int FloatExponentMax = 127;

    /// <summary>Decodes a 16-bit SFLOAT word (already assembled little-endian).</summary>
    public static MedicalFloat DecodeSFloat(ushort word)
    {
        var exponent = (sbyte)((word >> 8) & 0xF0) >> 4; // sign-extend the top nibble
        var mantissa = (word & 0x0FFF) << 20 >> 20;        // sign-extend 12 bits
        if (exponent == 0)
        {
            switch (word & 0x0FFF)
            {
                case 0x07FF: return MedicalFloat.NaN;
                case 0x0800: return MedicalFloat.NRes;
                case 0x07FE: return MedicalFloat.PositiveInfinity;
                case 0x0802: return MedicalFloat.NegativeInfinity;
                case 0x0801: return MedicalFloat.Reserved;
            }
        }

        return MedicalFloat.Finite(mantissa, exponent);
    }

    /// <summary>Decodes a 32-bit FLOAT word (already assembled little-endian).</summary>
    public static MedicalFloat DecodeFloat(uint word)
    {
        var exponent = (int)(sbyte)(word >> 24);
        var mantissa = (int)(word << 8) >> 8;
        if (exponent == 0)
        {
            switch (word & 0x00FF_FFFF)
            {
                case 0x007F_FFFF: return MedicalFloat.NaN;
                case 0x0080_0000: return MedicalFloat.NRes;
                case 0x007F_FFFE: return MedicalFloat.PositiveInfinity;
                case 0x0080_0002: return MedicalFloat.NegativeInfinity;
                case 0x0080_0001: return MedicalFloat.Reserved;
            }
        }

        return MedicalFloat.Finite(mantissa, exponent);
    }

    /// <summary>
    /// Encodes <paramref name="value"/> as an SFLOAT word. Fails (false) when the mantissa or exponent does not fit,
    /// or when a finite value's word would collide with a special word (exponent 0, reserved mantissa).
    /// </summary>
    public static bool TryEncodeSFloat(MedicalFloat value, out ushort word)
    {
        word = value.Kind switch
        {
            MedicalFloatKind.NaN => 0x07FF,
            MedicalFloatKind.NRes => 0x0800,
            MedicalFloatKind.PositiveInfinity => 0x07FE,
            MedicalFloatKind.NegativeInfinity => 0x0802,
            MedicalFloatKind.Reserved => 0x0801,
            _ => 0,
        };
        if (!value.IsFinite)
        {
            return true;
        }

        if (!IsRepresentableSFloat(value.Mantissa, value.Exponent))
        {
            return false;
        }

        word = (ushort)(((value.Exponent & 0xF) << 12) | (value.Mantissa & 0x0FFF));
        return true;
    }

    /// <summary>Encodes <paramref name="value"/> as a FLOAT word; false when it does not fit (see <see cref="TryEncodeSFloat"/>).</summary>
    public static bool TryEncodeFloat(MedicalFloat value, out uint word)
    {
        word = value.Kind switch
        {
            MedicalFloatKind.NaN => 0x007F_FFFFu,
            MedicalFloatKind.NRes => 0x0080_0000u,
            MedicalFloatKind.PositiveInfinity => 0x007F_FFFEu,
            MedicalFloatKind.NegativeInfinity => 0x0080_0002u,
            MedicalFloatKind.Reserved => 0x0080_0001u,
            _ => 0u,
        };
        if (!value.IsFinite)
        {
            return true;
        }

        if (!IsRepresentableFloat(value.Mantissa, value.Exponent))
        {
            return false;
        }

        word = ((uint)(value.Exponent & 0xFF) << 24) | ((uint)value.Mantissa & 0x00FF_FFFFu);
        return true;
    }

    /// <summary>True when mantissa × 10^exponent has its own SFLOAT word (in range and not a special word).</summary>
    public static bool IsRepresentableSFloat(int mantissa, int exponent) =>
        mantissa is >= SFloatMantissaMin and <= SFloatMantissaMax
        && exponent is >= SFloatExponentMin and <= SFloatExponentMax
        && !(exponent == 0 && mantissa is 2047 or 2046 or -2048 or -2047 or -2046);

    /// <summary>True when mantissa × 10^exponent has its own FLOAT word (in range and not a special word).</summary>
    public static bool IsRepresentableFloat(int mantissa, int exponent) =>
        mantissa is >= FloatMantissaMin and <= FloatMantissaMax
        && exponent is >= FloatExponentMin and <= FloatExponentMax
        && !(exponent == 0 && mantissa is 8_388_607 or 8_388_606 or -8_388_608 or -8_388_607 or -8_388_606);
}
