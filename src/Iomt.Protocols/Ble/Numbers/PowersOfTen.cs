namespace Iomt.Protocols.Ble.Numbers;

/// <summary>mantissa × 10^exponent as a correctly rounded double for the exponents SFLOAT/FLOAT can carry.</summary>
internal static class PowersOfTen
{
    // 10^0 .. 10^22 are exact doubles; dividing by an exact power gives the correctly rounded quotient,
    // so 366e-1 becomes the double nearest 36.6 (multiplying by 0.1 would not).
    private static readonly double[] Exact =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static double Scale(int mantissa, int exponent)
    {
        if (mantissa == 0)
        {
            return 0d;
        }

        if (exponent >= 0)
        {
            return exponent < Exact.Length ? mantissa * Exact[exponent] : mantissa * Math.Pow(10, exponent);
        }

        var k = -exponent;
        return k < Exact.Length ? mantissa / Exact[k] : mantissa / Math.Pow(10, k);
    }
}
