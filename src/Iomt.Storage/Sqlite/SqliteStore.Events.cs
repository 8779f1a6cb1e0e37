using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Detection events and the detection consumer's checkpoint, written together.</summary>
public sealed partial class SqliteStore : IDetectionEventStore
{
    /// <inheritdoc />
    public async Task<int> AppendDetectionEventsAsync(string? consumer, IReadOnlyList<DetectionEvent> events, long checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        // A pooled connection like the registry's: a small transaction waiting on SQLite's write lock.
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        var added = 0;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO detection_event (patient_id, device_id, kind, onset_time, raised_time, source_sequence)
                VALUES ($patient, $device, $kind, $onset, $raised, $seq)
                ON CONFLICT (patient_id, device_id, kind, onset_time) DO NOTHING
                """;
            var patient = insert.Parameters.Add("$patient", SqliteType.Text);
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var onset = insert.Parameters.Add("$onset", SqliteType.Integer);
            var raised = insert.Parameters.Add("$raised", SqliteType.Integer);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            foreach (var e in events)
            {
                patient.Value = e.PatientId;
                device.Value = e.DeviceId;
                kind.Value = e.Kind;
                onset.Value = UnixMicroseconds.From(e.OnsetTime);
                raised.Value = UnixMicroseconds.From(e.RaisedTime);
                seq.Value = e.SourceSequence;
                added += insert.ExecuteNonQuery();
            }
        }

        if (consumer is not null)
        {
            using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = "INSERT INTO checkpoint (consumer, sequence) VALUES ($c, $s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence";
            mark.Parameters.AddWithValue("$c", consumer);
            mark.Parameters.AddWithValue("$s", checkpoint);
            mark.ExecuteNonQuery();
        }

        transaction.Commit();
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DetectionEvent>> GetPatientEventsAsync(string patientId, DetectionEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = DetectionEventSql.PatientEvents(patientId, query, '$', t => UnixMicroseconds.From(t));
        return await QueryAsync(
            sql,
            r => new DetectionEvent(r.GetString(0), r.GetString(1), r.GetString(2), UnixMicroseconds.ToTime(r.GetInt64(3)), UnixMicroseconds.ToTime(r.GetInt64(4)), r.GetInt64(5)),
            cancellationToken,
            parameters);
    }
}
