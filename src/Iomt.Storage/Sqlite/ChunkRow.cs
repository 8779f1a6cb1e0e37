namespace Iomt.Storage.Sqlite;

/// <summary>One <c>reading_chunk</c> row as read, decoded on first use.</summary>
internal sealed class ChunkRow(long firstSeq, int count, string deviceId, string? patientId, byte[] payload)
{
    private StoredReading[]? _readings;

    public long FirstSeq { get; } = firstSeq;

    public int Count { get; } = count;

    public bool Holds(long seq) => seq >= FirstSeq && seq < FirstSeq + Count;

    /// <summary>The chunk's readings in sequence order.</summary>
    public StoredReading[] Readings => _readings ??= ReadingChunkCodec.Decode(FirstSeq, Count, deviceId, patientId, payload);

    /// <summary>The reading with sequence <paramref name="seq"/>, or null when the chunk does not hold it.</summary>
    public StoredReading? At(long seq) => Holds(seq) ? Readings[seq - FirstSeq] : null;
}

/// <summary>
/// The last few chunks decoded, so that checking a resent batch against the stored one (a key look-up per
/// reading, all in the same chunk) decodes that chunk once instead of once per reading.
/// </summary>
internal sealed class ChunkCache(int capacity)
{
    private readonly LinkedList<ChunkRow> _rows = new();

    /// <summary>The stored reading with this sequence, from the cache or loaded with <paramref name="load"/>.</summary>
    public StoredReading? Find(long seq, Func<long, ChunkRow?> load)
    {
        for (var node = _rows.First; node is not null; node = node.Next)
        {
            if (node.Value.Holds(seq))
            {
                _rows.Remove(node);
                _rows.AddFirst(node);
                return node.Value.At(seq);
            }
        }

        var row = load(seq);
        if (row is null)
        {
            return null;
        }

        _rows.AddFirst(row);
        if (_rows.Count > capacity)
        {
            _rows.RemoveLast();
        }

        return row.At(seq);
    }
}
