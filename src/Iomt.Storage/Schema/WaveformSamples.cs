using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Iomt.Storage.Schema;

/// <summary>The stored form of a chunk's samples: 4-byte little-endian integers.</summary>
internal static class WaveformSamples
{
    /// <summary>Encodes the samples.</summary>
    public static byte[] Encode(ImmutableArray<int> samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), samples[i]);
        }

        return bytes;
    }

    /// <summary>Decodes stored samples.</summary>
    public static ImmutableArray<int> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 4 != 0)
        {
            throw new InvalidDataException($"a waveform chunk of {bytes.Length} bytes is not a whole number of 4-byte samples");
        }

        var samples = ImmutableArray.CreateBuilder<int>(bytes.Length / 4);
        for (var i = 0; i < bytes.Length; i += 4)
        {
            samples.Add(BinaryPrimitives.ReadInt32LittleEndian(bytes[i..]));
        }

        return samples.MoveToImmutable();
    }
}
