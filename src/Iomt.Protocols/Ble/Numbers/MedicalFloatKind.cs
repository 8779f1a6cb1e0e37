namespace Iomt.Protocols.Ble.Numbers;

/// <summary>What an IEEE 11073-20601 SFLOAT/FLOAT word means: a finite number or one of the reserved special words.</summary>
public enum MedicalFloatKind
{
    /// <summary>An ordinary number: mantissa × 10^exponent.</summary>
    Finite,

    /// <summary>Not a Number (SFLOAT 0x07FF, FLOAT 0x007FFFFF).</summary>
    NaN,

    /// <summary>Not at this resolution (SFLOAT 0x0800, FLOAT 0x00800000).</summary>
    NRes,

    /// <summary>Positive infinity (SFLOAT 0x07FE, FLOAT 0x007FFFFE).</summary>
    PositiveInfinity,

    /// <summary>Negative infinity (SFLOAT 0x0802, FLOAT 0x00800002).</summary>
    NegativeInfinity,

    /// <summary>Reserved for future use (SFLOAT 0x0801, FLOAT 0x00800001).</summary>
    Reserved,
}
