using Iomt.Core.Measurements;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Detection events and the detection consumer's checkpoint, written together.</summary>
public sealed partial class SqliteStore : IDetectionEventStore
{
    /// <inheritdoc />
    public async Task<int> AppendDetectionEventsAsync(IReadOnlyList<DetectionEvent> events, DetectionCheckpoint? checkpoint, CancellationToken cancellationToken)
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

        if (checkpoint is not null)
        {
            SaveCheckpoint(connection, transaction, checkpoint);
        }

        transaction.Commit();
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DetectionStreamHead>> GetDetectionStreamsAsync(string consumer, DateTimeOffset since, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT patient_id, device_id, code_system, code, last_time FROM detection_stream WHERE consumer = $c AND last_time >= $since ORDER BY patient_id, device_id, code_system, code",
            r => new DetectionStreamHead(r.GetString(0), r.GetString(1), new ObservationCode(r.GetString(2), r.GetString(3)), UnixMicroseconds.ToTime(r.GetInt64(4))),
            cancellationToken,
            ("$c", consumer),
            ("$since", UnixMicroseconds.From(since)));

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

    private static void SaveCheckpoint(SqliteConnection connection, SqliteTransaction transaction, DetectionCheckpoint checkpoint)
    {
        using (var mark = connection.CreateCommand())
        {
            mark.Transaction = transaction;
            mark.CommandText = "INSERT INTO checkpoint (consumer, sequence) VALUES ($c, $s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence";
            mark.Parameters.AddWithValue("$c", checkpoint.Consumer);
            mark.Parameters.AddWithValue("$s", checkpoint.Sequence);
            mark.ExecuteNonQuery();
        }

        using (var head = connection.CreateCommand())
        {
            head.Transaction = transaction;
            head.CommandText = """
                INSERT INTO detection_stream (consumer, patient_id, device_id, code_system, code, last_time)
                VALUES ($c, $patient, $device, $system, $code, $time)
                ON CONFLICT (consumer, patient_id, device_id, code_system, code) DO UPDATE SET last_time = max(last_time, excluded.last_time)
                """;
            head.Parameters.AddWithValue("$c", checkpoint.Consumer);
            var patient = head.Parameters.Add("$patient", SqliteType.Text);
            var device = head.Parameters.Add("$device", SqliteType.Text);
            var system = head.Parameters.Add("$system", SqliteType.Text);
            var code = head.Parameters.Add("$code", SqliteType.Text);
            var time = head.Parameters.Add("$time", SqliteType.Integer);
            foreach (var h in checkpoint.LatestPerStream())
            {
                patient.Value = h.PatientId;
                device.Value = h.DeviceId;
                system.Value = h.Code.System;
                code.Value = h.Code.Code;
                time.Value = UnixMicroseconds.From(h.LastTime);
                head.ExecuteNonQuery();
            }
        }

        using var forget = connection.CreateCommand();
        forget.Transaction = transaction;
        forget.CommandText = "DELETE FROM detection_stream WHERE consumer = $c AND last_time < $before";
        forget.Parameters.AddWithValue("$c", checkpoint.Consumer);
        forget.Parameters.AddWithValue("$before", UnixMicroseconds.From(checkpoint.ForgetBefore));
        forget.ExecuteNonQuery();
    }
}
