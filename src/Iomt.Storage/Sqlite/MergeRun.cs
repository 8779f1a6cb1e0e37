namespace Iomt.Storage.Sqlite;

/// <summary>
/// One deferred merge of the recent tail (seq ≤ <see cref="ThroughSeq"/>) into the durable key and patient
/// indexes. Entries are sorted off the writer's path, then inserted a slice per append in index order, so each
/// B-tree page is written once per many entries instead of once per reading.
/// </summary>
internal sealed class MergeRun
{
    public MergeRun(long throughSeq, TailEntry[] entries)
    {
        ThroughSeq = throughSeq;
        Sorting = Task.Run(() =>
        {
            Keys = [.. entries.Select(e => (e.Hash, e.Seq)).Order()];
            Patients = [.. entries.Where(e => e.PatientId is not null)
                .Select(e => (e.PatientId!, e.DeviceTime, e.Seq))
                .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.DeviceTime).ThenBy(p => p.Seq)];
        });
    }

    public long ThroughSeq { get; }

    /// <summary>Completes when the sorted arrays are ready.</summary>
    public Task Sorting { get; }

    public (long Hash, long Seq)[] Keys { get; private set; } = [];

    public (string PatientId, long DeviceTime, long Seq)[] Patients { get; private set; } = [];

    /// <summary>Key entries durably merged so far.</summary>
    public int KeysDone { get; set; }

    /// <summary>Patient entries durably merged so far.</summary>
    public int PatientsDone { get; set; }
}
