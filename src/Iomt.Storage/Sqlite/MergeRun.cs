namespace Iomt.Storage.Sqlite;

/// <summary>
/// One deferred merge of the recent tail (seq ≤ <see cref="ThroughSeq"/>) into the durable key index (one entry
/// per reading) and patient index (one per chunk). Entries are sorted off the writer's path, then inserted a
/// slice per append in index order, so each B-tree page is written once per many entries instead of once per entry.
/// </summary>
internal sealed class MergeRun
{
    public MergeRun(long throughSeq, TailEntry[] entries, TailChunk[] chunks)
    {
        ThroughSeq = throughSeq;
        Sorting = Task.Run(() =>
        {
            var keys = new (long Hash, long Seq)[entries.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = (entries[i].Hash, entries[i].Seq);
            }

            Array.Sort(keys);
            Keys = keys;
            Patients = [.. chunks.Where(c => c.PatientId is not null)
                .Select(c => (c.PatientId!, c.MaxTime, c.FirstSeq))
                .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.MaxTime).ThenBy(p => p.FirstSeq)];
        });
    }

    public long ThroughSeq { get; }

    /// <summary>Completes when the sorted arrays are ready.</summary>
    public Task Sorting { get; }

    public (long Hash, long Seq)[] Keys { get; private set; } = [];

    public (string PatientId, long MaxTime, long FirstSeq)[] Patients { get; private set; } = [];

    /// <summary>Key entries durably merged so far.</summary>
    public int KeysDone { get; set; }

    /// <summary>Patient entries durably merged so far.</summary>
    public int PatientsDone { get; set; }
}
