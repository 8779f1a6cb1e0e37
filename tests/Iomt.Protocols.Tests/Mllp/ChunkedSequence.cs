using System.Buffers;

namespace Iomt.Protocols.Tests.Mllp;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> from chunks, as a socket delivers them.</summary>
public static class ChunkedSequence
{
    /// <summary>A sequence whose segments are the given chunks.</summary>
    public static ReadOnlySequence<byte> Create(IReadOnlyList<byte[]> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Chunk(chunks[0], 0);
        var last = first;
        for (var i = 1; i < chunks.Count; i++)
        {
            last = last.Append(chunks[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Chunk Append(byte[] data)
        {
            var next = new Chunk(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
