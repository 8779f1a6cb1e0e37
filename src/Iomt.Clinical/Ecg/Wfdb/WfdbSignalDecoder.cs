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
        16 or 61 or 160 => sampleCount * 2,
        24 => sampleCount * 3,
        32 => sampleCount * 4,
        80 => sampleCount,
        212 => ((sampleCount * 3) + 1) / 2,
        // Three samples in four bytes; a last, incomplete group stops after the byte that completes its last sample.
        310 => (sampleCount / 3 * 4) + (sampleCount % 3 * 2),
        311 => (sampleCount / 3 * 4) + (sampleCount % 3 == 0 ? 0 : sampleCount % 3 + 1),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported WFDB format"),
    };

    /// <summary>Samples (all signals of a file) that <paramref name="byteCount"/> bytes hold completely.</summary>
    public static long SamplesIn(int format, long byteCount) => format switch
    {
        16 or 61 or 160 => byteCount / 2,
        24 => byteCount / 3,
        32 => byteCount / 4,
        80 => byteCount,
        212 => (byteCount / 3 * 2) + (byteCount % 3 == 2 ? 1 : 0),
        310 => (byteCount / 4 * 3) + (byteCount % 4 >= 2 ? 1 : 0),
        311 => (byteCount / 4 * 3) + (byteCount % 4 == 3 ? 2 : byteCount % 4 == 2 ? 1 : 0),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported WFDB format"),
    };

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length consecutive samples from <paramref name="source"/>, which
    /// must start at the beginning of the sample stream (format 212 packs samples in pairs, 310 and 311 in threes).
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
            case 61:
                // Format 61: 16-bit two's complement, big-endian.
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (short)((source[2 * i] << 8) | source[(2 * i) + 1]);
                }

                break;
            case 160:
                // Format 160: 16-bit offset binary, little-endian (0 ADC units stored as 32768).
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (source[2 * i] | (source[(2 * i) + 1] << 8)) - 32768;
                }

                break;
            case 24:
                // Format 24: 24-bit two's complement, little-endian.
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = ((source[3 * i] | (source[(3 * i) + 1] << 8) | (source[(3 * i) + 2] << 16)) << 8) >> 8;
                }

                break;
            case 32:
                // Format 32: 32-bit two's complement, little-endian.
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = source[4 * i] | (source[(4 * i) + 1] << 8) | (source[(4 * i) + 2] << 16) | (source[(4 * i) + 3] << 24);
                }

                break;
            case 310:
            case 311:
                DecodeTenBit(format, source, destination);
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

    // Formats 310 and 311: three 10-bit two's-complement samples in four bytes. 310: the first sample is bits 1–10 of the
    // first little-endian 16-bit word, the second bits 1–10 of the second word, the third the top 5 bits of the first
    // word (low half) and of the second word (high half). 311: bits 0–9, 10–19 and 20–29 of one little-endian 32-bit word.
    // A last group may be incomplete (BytesFor); its missing bytes are never needed for the samples asked for.
    private static void DecodeTenBit(int format, ReadOnlySpan<byte> source, Span<int> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var group = i / 3 * 4;
            var word = 0;
            for (var b = 0; b < 4 && group + b < source.Length; b++)
            {
                word |= source[group + b] << (8 * b);
            }

            var raw = (format, i % 3) switch
            {
                (310, 0) => word >> 1,
                (310, 1) => word >> 17,
                (310, _) => ((word >> 11) & 0x1F) | ((word >> 22) & 0x3E0),
                (_, 0) => word,
                (_, 1) => word >> 10,
                _ => word >> 20,
            };
            destination[i] = ((raw & 0x3FF) << 22) >> 22;
        }
    }

    private static int SignExtend12(int v) => (v << 20) >> 20;
}
