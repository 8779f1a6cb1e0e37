namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Decodes the sample formats of WFDB signal files (PhysioNet <c>signal(5)</c>) into ADC values, frame by
/// frame with the signals of one file interleaved. Pure and allocation-free.
/// </summary>
public static class WfdbSignalDecoder
{
    /// <summary>Bytes needed to hold <paramref name="sampleCount"/> samples (all signals of a file) in <paramref name="format"/>.</summary>
    public static long BytesFor(int format, long sampleCount) => format switch
    {
        16 => sampleCount * 2,
        80 => sampleCount,
        212 => ((sampleCount * 3) + 1) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported WFDB format"),
    };

    /// <summary>Samples (all signals of a file) that <paramref name="byteCount"/> bytes hold completely.</summary>
    public static long SamplesIn(int format, long byteCount) => format switch
    {
        16 => byteCount / 2,
        80 => byteCount,
        212 => (byteCount / 3 * 2) + (byteCount % 3 == 2 ? 1 : 0),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported WFDB format"),
    };

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length consecutive samples from <paramref name="source"/>, which
    /// must start at the beginning of the sample stream (format 212 packs samples in pairs).
    /// </summary>
    public static void Decode(int format, ReadOnlySpan<byte> source, Span<int> destination)
    {
        switch (format)
        {
            case 16:
                // Format 16: 16-bit two's complement, little-endian.
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (short)(source[2 * i] | (source[(2 * i) + 1] << 8));
                }

                break;
            case 80:
                // Format 80: 8-bit offset binary (0 ADC units stored as 128).
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = source[i] - 128;
                }

                break;
            case 212:
                Decode212(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported WFDB format");
        }
    }

    // Format 212: two 12-bit two's-complement samples in three bytes; the first sample is byte 0 plus the
    // low nibble of byte 1, the second is byte 2 plus the high nibble of byte 1.
    private static void Decode212(ReadOnlySpan<byte> source, Span<int> destination)
    {
        var pairs = destination.Length / 2;
        for (var p = 0; p < pairs; p++)
        {
            int b0 = source[3 * p], b1 = source[(3 * p) + 1], b2 = source[(3 * p) + 2];
            destination[2 * p] = SignExtend12(b0 | ((b1 & 0x0F) << 8));
            destination[(2 * p) + 1] = SignExtend12(b2 | ((b1 & 0xF0) << 4));
        }

        if ((destination.Length & 1) == 1)
        {
            int b0 = source[3 * pairs], b1 = source[(3 * pairs) + 1];
            destination[^1] = SignExtend12(b0 | ((b1 & 0x0F) << 8));
        }
    }

    private static int SignExtend12(int v) => (v << 20) >> 20;
}
