using Iomt.Core.Measurements;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;

namespace Iomt.Storage.Sqlite;

/// <summary>The write path: de-duplicate, append, merge a slice of the deferred indexes, commit.</summary>
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
        var committed = new List<TailEntry>(readings.Count);
        var batchFirst = new Dictionary<long, int>(readings.Count);
        var candidates = new List<long>(4);
        var next = _lastSequence;
        using var transaction = _writer!.BeginTransaction();
        commands.Enlist(transaction);
        try
        {
            for (var i = 0; i < readings.Count; i++)
            {
                var m = readings[i].Measurement;
                var hash = ReadingKeyHash.Of(m.DeviceId, m.MessageId);
                if (IsDuplicateInBatch(readings, sequences, batchFirst, i, hash) || IsStored(hash, m, candidates))
                {
                    continue;
                }

                batchFirst.TryAdd(hash, i);
                sequences[i] = ++next;
                InsertReading(commands, next, hash, readings[i]);
                committed.Add(new TailEntry(next, hash, m.PatientId, UnixMicroseconds.From(m.DeviceTime)));
            }

            foreach (var letter in deadLetters)
            {
                InsertDeadLetter(commands, letter);
            }

            var merge = StepMerge(commands, committed.Count);
            transaction.Commit();

            // Only now is the batch durable: publish it to the in-memory indexes.
            _lastSequence = next;
            _recent!.Add(committed);
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

    private static bool IsDuplicateInBatch(IReadOnlyList<PendingReading> readings, long[] sequences, Dictionary<long, int> batchFirst, int index, long hash)
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
            if (sequences[j] > 0 && SameKey(readings[j].Measurement, m))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsStored(long hash, Measurement m, List<long> candidates)
    {
        candidates.Clear();
        _recent!.FindByHash(hash, candidates);
        if (candidates.Count == 0 && !_bloom!.MightContain(hash))
        {
            return false;
        }

        if (candidates.Count == 0 || !AnyMatches(candidates, m))
        {
            // Older than the recent tail (or a Bloom false positive): ask the durable key index.
            candidates.Clear();
            var byHash = _commands!.SeqsOfHash;
            byHash.Parameters[0].Value = hash;
            using var reader = byHash.ExecuteReader();
            while (reader.Read())
            {
                candidates.Add(reader.GetInt64(0));
            }
        }
        else
        {
            return true;
        }

        return AnyMatches(candidates, m);
    }

    private bool AnyMatches(List<long> seqs, Measurement m)
    {
        var keyOfSeq = _commands!.KeyOfSeq;
        foreach (var seq in seqs)
        {
            keyOfSeq.Parameters[0].Value = seq;
            using var reader = keyOfSeq.ExecuteReader();
            if (reader.Read() && reader.GetString(0) == m.DeviceId && reader.GetString(1) == m.MessageId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameKey(Measurement a, Measurement b) =>
        string.Equals(a.DeviceId, b.DeviceId, StringComparison.Ordinal) && string.Equals(a.MessageId, b.MessageId, StringComparison.Ordinal);

    private static void InsertReading(WriterCommands commands, long seq, long hash, PendingReading pending)
    {
        var m = pending.Measurement;
        var insert = commands.InsertReading;
        insert.Bind(1, seq);
        insert.Bind(2, hash);
        insert.Bind(3, m.DeviceId);
        insert.Bind(4, m.MessageId);
        insert.Bind(5, m.PatientId);
        insert.Bind(6, m.Code.System);
        insert.Bind(7, m.Code.Code);
        if (m.Value is { } value)
        {
            insert.Bind(8, value);
        }
        else
        {
            insert.BindNull(8);
        }

        insert.Bind(9, ComponentsJson.Write(m.Components));
        insert.Bind(10, m.Unit);
        insert.Bind(11, UnixMicroseconds.From(m.DeviceTime));
        insert.Bind(12, UnixMicroseconds.From(m.ReceivedTime));
        insert.Bind(13, (long)pending.Marks);
        insert.Execute();
    }

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
                _merge = new MergeRun(through, _recent.CopyThrough(through));
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
            patient.Bind(2, run.Patients[i].DeviceTime);
            patient.Bind(3, run.Patients[i].Seq);
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
