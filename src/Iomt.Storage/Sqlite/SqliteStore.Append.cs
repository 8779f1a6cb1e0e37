using Iomt.Core.Measurements;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;

namespace Iomt.Storage.Sqlite;

/// <summary>The write path: de-duplicate, append chunks, merge a slice of the deferred indexes, commit.</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(deadLetters);
        await EnsureOpenAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return AppendLocked(readings, deadLetters);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private AppendResult AppendLocked(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters)
    {
        var commands = _commands!;
        var sequences = new long[readings.Count];
        var hashes = new long[readings.Count];
        var isNew = new bool[readings.Count];
        var batchFirst = new Dictionary<long, int>(readings.Count);
        var candidates = new List<long>(4);
        var newCount = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            var m = readings[i].Measurement;
            var hash = hashes[i] = ReadingKeyHash.Of(m.DeviceId, m.MessageId);
            if (IsDuplicateInBatch(readings, isNew, batchFirst, i, hash) || IsStored(hash, m, candidates))
            {
                continue;
            }

            batchFirst.TryAdd(hash, i);
            isNew[i] = true;
            newCount++;
        }

        var committed = new List<TailEntry>(newCount);
        var chunks = new List<TailChunk>();
        var next = _lastSequence;
        using var transaction = _writer!.BeginTransaction();
        commands.Enlist(transaction);
        try
        {
            // One chunk per device and patient (and at most MaxChunkReadings): sequences are assigned chunk by chunk.
            foreach (var group in GroupForChunks(readings, isNew))
            {
                for (var offset = 0; offset < group.Count; offset += MaxChunkReadings)
                {
                    var count = Math.Min(MaxChunkReadings, group.Count - offset);
                    var firstSeq = next + 1;
                    var members = _chunkMembers;
                    members.Clear();
                    long minTime = long.MaxValue, maxTime = long.MinValue;
                    for (var k = 0; k < count; k++)
                    {
                        var index = group[offset + k];
                        members.Add(readings[index]);
                        sequences[index] = ++next;
                        committed.Add(new TailEntry(next, hashes[index]));
                        var time = UnixMicroseconds.From(readings[index].Measurement.DeviceTime);
                        minTime = Math.Min(minTime, time);
                        maxTime = Math.Max(maxTime, time);
                    }

                    var first = readings[group[offset]].Measurement;
                    InsertChunk(commands, firstSeq, count, first.DeviceId, first.PatientId, minTime, maxTime);
                    chunks.Add(new TailChunk(firstSeq, first.PatientId, maxTime));
                }
            }

            foreach (var letter in deadLetters)
            {
                InsertDeadLetter(commands, letter);
            }

            var merge = StepMerge(commands, committed.Count);
            transaction.Commit();

            // Only now is the batch durable: publish it to the in-memory indexes.
            _checkpointer!.Committed();
            _lastSequence = next;
            _recent!.Add(committed, chunks);
            foreach (var entry in committed)
            {
                _bloom!.Add(entry.Hash);
            }

            merge?.Invoke();
            return new AppendResult(sequences);
        }
        finally
        {
            commands.Enlist(null);
        }
    }

    /// <summary>The indexes of the new readings, grouped by (device, patient) in order of first appearance.</summary>
    private static List<List<int>> GroupForChunks(IReadOnlyList<PendingReading> readings, bool[] isNew)
    {
        var groups = new List<List<int>>();
        var byKey = new Dictionary<(string Device, string? Patient), List<int>>();
        List<int>? last = null;
        (string, string?) lastKey = default;
        for (var i = 0; i < readings.Count; i++)
        {
            if (!isNew[i])
            {
                continue;
            }

            var m = readings[i].Measurement;
            var key = (m.DeviceId, m.PatientId);
            if (last is null || key != lastKey)
            {
                if (!byKey.TryGetValue(key, out last))
                {
                    last = [];
                    byKey.Add(key, last);
                    groups.Add(last);
                }

                lastKey = key;
            }

            last.Add(i);
        }

        return groups;
    }

    private void InsertChunk(WriterCommands commands, long firstSeq, int count, string deviceId, string? patientId, long minTime, long maxTime)
    {
        var payload = _chunkPayload;
        payload.ResetWrittenCount();
        ReadingChunkCodec.Encode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_chunkMembers), payload, _chunkStrings);
        var insert = commands.InsertChunk;
        insert.Bind(1, firstSeq);
        insert.Bind(2, count);
        insert.Bind(3, deviceId);
        insert.Bind(4, patientId);
        insert.Bind(5, minTime);
        insert.Bind(6, maxTime);
        insert.Bind(7, payload.WrittenSpan);
        insert.Execute();
    }

    private static bool IsDuplicateInBatch(IReadOnlyList<PendingReading> readings, bool[] isNew, Dictionary<long, int> batchFirst, int index, long hash)
    {
        if (!batchFirst.TryGetValue(hash, out var first))
        {
            return false;
        }

        var m = readings[index].Measurement;
        if (SameKey(readings[first].Measurement, m))
        {
            return true;
        }

        // A fingerprint collision inside the batch: compare against every earlier stored row of the batch.
        for (var j = 0; j < index; j++)
        {
            if (isNew[j] && SameKey(readings[j].Measurement, m))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsStored(long hash, Measurement m, List<long> candidates)
    {
        // The Bloom filter holds every committed key, the recent tail's too: "certainly new" for almost every new
        // reading at the cost of one cache line, before any dictionary or database look-up.
        if (!_bloom!.MightContain(hash))
        {
            return false;
        }

        candidates.Clear();
        _recent!.FindByHash(hash, candidates);
        if (candidates.Count > 0 && AnyMatches(candidates, m))
        {
            return true;
        }

        // Older than the recent tail (or a Bloom false positive): ask the durable key index.
        candidates.Clear();
        var byHash = _commands!.SeqsOfHash;
        byHash.Parameters[0].Value = hash;
        using (var reader = byHash.ExecuteReader())
        {
            while (reader.Read())
            {
                candidates.Add(reader.GetInt64(0));
            }
        }

        return AnyMatches(candidates, m);
    }

    private bool AnyMatches(List<long> seqs, Measurement m)
    {
        foreach (var seq in seqs)
        {
            var stored = _writerChunks.Find(seq, FindChunkForWriter);
            if (stored is not null && SameKey(stored.Measurement, m))
            {
                return true;
            }
        }

        return false;
    }

    private ChunkRow? FindChunkForWriter(long seq)
    {
        var command = _commands!.ChunkOfSeq;
        command.Parameters[0].Value = seq;
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadChunk(reader) : null;
    }

    private static bool SameKey(Measurement a, Measurement b) =>
        string.Equals(a.DeviceId, b.DeviceId, StringComparison.Ordinal) && string.Equals(a.MessageId, b.MessageId, StringComparison.Ordinal);

    private static void InsertDeadLetter(WriterCommands commands, DeadLetter letter)
    {
        var p = commands.InsertDeadLetter.Parameters;
        p[0].Value = letter.Source;
        p[1].Value = (object?)letter.DeviceId ?? DBNull.Value;
        p[2].Value = (object?)letter.MessageId ?? DBNull.Value;
        p[3].Value = letter.Field;
        p[4].Value = letter.Reason;
        p[5].Value = letter.Payload.Length > DeadLetter.MaxPayloadLength ? letter.Payload[..DeadLetter.MaxPayloadLength] : letter.Payload;
        p[6].Value = UnixMicroseconds.From(letter.ReceivedTime);
        commands.InsertDeadLetter.ExecuteNonQuery();
    }

    /// <summary>
    /// Starts a merge when the tail is large, or merges one slice of the running one inside the current
    /// transaction. Returns what to do after the commit succeeded; progress only advances then, so a rolled-back
    /// slice is simply redone.
    /// </summary>
    private Action? StepMerge(WriterCommands commands, int appended)
    {
        if (_merge is null)
        {
            if (_recent!.Count + appended >= _options.MergeThreshold)
            {
                var through = _lastSequence;
                var (entries, tailChunks) = _recent.CopyThrough(through);
                _merge = new MergeRun(through, entries, tailChunks);
            }

            return null;
        }

        var run = _merge;
        if (!run.Sorting.IsCompleted && _recent!.Count + appended >= 2L * _options.MergeThreshold)
        {
            // The sort fell far behind ingest: wait for it rather than let the in-memory tail grow unbounded.
            ((IAsyncResult)run.Sorting).AsyncWaitHandle.WaitOne();
        }

        if (!run.Sorting.IsCompleted)
        {
            return null;
        }

        if (!run.Sorting.IsCompletedSuccessfully)
        {
            // Never mark anything merged from a failed sort; the next append starts over.
            _merge = null;
            return null;
        }

        // Keep ahead of ingest: a slice at least twice the batch so the tail cannot grow without bound.
        var budget = Math.Max(_options.MergeSliceSize, appended * 2);
        var keysTo = Math.Min(run.Keys.Length, run.KeysDone + budget);
        var patientsTo = Math.Min(run.Patients.Length, run.PatientsDone + budget);
        var key = commands.MergeKey;
        for (var i = run.KeysDone; i < keysTo; i++)
        {
            key.Bind(1, run.Keys[i].Hash);
            key.Bind(2, run.Keys[i].Seq);
            key.Execute();
        }

        var patient = commands.MergePatient;
        for (var i = run.PatientsDone; i < patientsTo; i++)
        {
            patient.Bind(1, run.Patients[i].PatientId);
            patient.Bind(2, run.Patients[i].MaxTime);
            patient.Bind(3, run.Patients[i].FirstSeq);
            patient.Execute();
        }

        var complete = keysTo == run.Keys.Length && patientsTo == run.Patients.Length;
        if (complete)
        {
            commands.SetMergedThrough.Parameters[0].Value = run.ThroughSeq;
            commands.SetMergedThrough.ExecuteNonQuery();
        }

        return () =>
        {
            run.KeysDone = keysTo;
            run.PatientsDone = patientsTo;
            if (complete)
            {
                _recent!.CompleteMerge(run.ThroughSeq);
                _merge = null;
            }
        };
    }
}
