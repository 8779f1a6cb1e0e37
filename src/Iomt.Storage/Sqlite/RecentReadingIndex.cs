namespace Iomt.Storage.Sqlite;

/// <summary>
/// In-memory indexes of the tail of the store (seq &gt; <see cref="MergedThrough"/>) that the durable indexes do
/// not cover yet: idempotency fingerprints per reading and each patient's chunks. Rebuilt from the chunks at start.
/// The writer mutates it after each commit; readers take consistent copies under the same lock.
/// </summary>
internal sealed class RecentReadingIndex
{
    private readonly Lock _gate = new();
    private readonly List<TailEntry> _entries = [];
    private readonly Dictionary<long, long> _seqByHash = [];
    private readonly List<(long Hash, long Seq)> _hashCollisions = [];
    private readonly List<TailChunk> _chunks = [];
    private readonly Dictionary<string, List<long>> _chunksByPatient = new(StringComparer.Ordinal);

    public RecentReadingIndex(long mergedThrough)
    {
        MergedThrough = mergedThrough;
    }

    /// <summary>Every reading with seq at or below this is in the durable indexes.</summary>
    public long MergedThrough { get; private set; }

    /// <summary>Readings in the tail.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds committed readings and their chunks (ascending seq).</summary>
    public void Add(IReadOnlyList<TailEntry> committed, IReadOnlyList<TailChunk> chunks)
    {
        lock (_gate)
        {
            foreach (var entry in committed)
            {
                _entries.Add(entry);
                if (!_seqByHash.TryAdd(entry.Hash, entry.Seq))
                {
                    _hashCollisions.Add((entry.Hash, entry.Seq));
                }
            }

            foreach (var chunk in chunks)
            {
                _chunks.Add(chunk);
                if (chunk.PatientId is not null)
                {
                    if (!_chunksByPatient.TryGetValue(chunk.PatientId, out var seqs))
                    {
                        seqs = [];
                        _chunksByPatient.Add(chunk.PatientId, seqs);
                    }

                    seqs.Add(chunk.FirstSeq);
                }
            }
        }
    }

    /// <summary>Adds the sequences of tail readings with this fingerprint to <paramref name="seqs"/>.</summary>
    public void FindByHash(long hash, List<long> seqs)
    {
        lock (_gate)
        {
            if (!_seqByHash.TryGetValue(hash, out var seq))
            {
                return;
            }

            seqs.Add(seq);
            foreach (var (h, s) in _hashCollisions)
            {
                if (h == hash)
                {
                    seqs.Add(s);
                }
            }
        }
    }

    /// <summary>The first sequences of a patient's tail chunks and the merge watermark they complement, taken atomically.</summary>
    public (long MergedThrough, long[] ChunkSeqs) SnapshotPatient(string patientId)
    {
        lock (_gate)
        {
            return (MergedThrough, _chunksByPatient.TryGetValue(patientId, out var seqs) ? [.. seqs] : []);
        }
    }

    /// <summary>A copy of the tail entries and chunks up to <paramref name="throughSeq"/> for a merge.</summary>
    public (TailEntry[] Entries, TailChunk[] Chunks) CopyThrough(long throughSeq)
    {
        lock (_gate)
        {
            var count = 0;
            while (count < _entries.Count && _entries[count].Seq <= throughSeq)
            {
                count++;
            }

            var chunks = 0;
            while (chunks < _chunks.Count && _chunks[chunks].FirstSeq <= throughSeq)
            {
                chunks++;
            }

            return (_entries.GetRange(0, count).ToArray(), _chunks.GetRange(0, chunks).ToArray());
        }
    }

    /// <summary>Drops the entries a completed merge made durable.</summary>
    public void CompleteMerge(long throughSeq)
    {
        lock (_gate)
        {
            var count = 0;
            while (count < _entries.Count && _entries[count].Seq <= throughSeq)
            {
                var entry = _entries[count];
                if (_seqByHash.TryGetValue(entry.Hash, out var seq) && seq == entry.Seq)
                {
                    _seqByHash.Remove(entry.Hash);
                }

                count++;
            }

            _entries.RemoveRange(0, count);
            _hashCollisions.RemoveAll(c => c.Seq <= throughSeq);
            foreach (var (h, s) in _hashCollisions)
            {
                _seqByHash.TryAdd(h, s);
            }

            _hashCollisions.RemoveAll(c => _seqByHash.TryGetValue(c.Hash, out var s) && s == c.Seq);
            var chunks = 0;
            while (chunks < _chunks.Count && _chunks[chunks].FirstSeq <= throughSeq)
            {
                chunks++;
            }

            _chunks.RemoveRange(0, chunks);
            var emptied = new List<string>();
            foreach (var (patient, seqs) in _chunksByPatient)
            {
                var drop = 0;
                while (drop < seqs.Count && seqs[drop] <= throughSeq)
                {
                    drop++;
                }

                seqs.RemoveRange(0, drop);
                if (seqs.Count == 0)
                {
                    emptied.Add(patient);
                }
            }

            foreach (var patient in emptied)
            {
                _chunksByPatient.Remove(patient);
            }

            MergedThrough = throughSeq;
        }
    }
}

/// <summary>What the recent index keeps of one reading.</summary>
internal readonly record struct TailEntry(long Seq, long Hash);

/// <summary>What the recent index keeps of one chunk (its patient index entry).</summary>
internal readonly record struct TailChunk(long FirstSeq, string? PatientId, long MaxTime);
