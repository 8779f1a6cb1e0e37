namespace Iomt.Protocols.Ble.Cgm;

/// <summary>
/// The CGMS 1.0.1 §3.11 E2E-CRC: CRC-CCITT x^16 + x^12 + x^5 + 1, seed 0xFFFF, processed LSB first, no final XOR
/// (the catalogue's CRC-16/MCRF4XX, reflected polynomial 0x8408; check value "123456789" → 0x6F91).
/// </summary>
public static class CgmE2eCrc
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
        }

        return (ushort)crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }

            table[i] = (ushort)crc;
        }

        return table;
    }
}
