using Iomt.Core.Measurements;
using Iomt.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Iomt.Storage.Postgres;

/// <summary>Detection events and the detection consumer's checkpoint, written together.</summary>
public sealed partial class PostgresStore : IDetectionEventStore
{
    /// <inheritdoc />
    public async Task<int> AppendDetectionEventsAsync(IReadOnlyList<DetectionEvent> events, DetectionCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await EnsureMigratedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        if (events.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO detection_event (patient_id, device_id, kind, onset_time, raised_time, source_sequence)
                SELECT * FROM unnest(@patient, @device, @kind, @onset, @raised, @seq)
                ON CONFLICT (patient_id, device_id, kind, onset_time) DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<string[]>("patient", [.. events.Select(e => e.PatientId)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("device", [.. events.Select(e => e.DeviceId)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("kind", [.. events.Select(e => e.Kind)]));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("onset", [.. events.Select(e => e.OnsetTime.ToUniversalTime())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("raised", [.. events.Select(e => e.RaisedTime.ToUniversalTime())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<long[]>("seq", [.. events.Select(e => e.SourceSequence)]));
            added = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (checkpoint is not null)
        {
            await SaveCheckpointAsync(connection, transaction, checkpoint, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DetectionStreamHead>> GetDetectionStreamsAsync(string consumer, DateTimeOffset since, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT patient_id, device_id, code_system, code, last_time FROM detection_stream WHERE consumer = @c AND last_time >= @since ORDER BY patient_id, device_id, code_system, code",
            r => new DetectionStreamHead(r.GetString(0), r.GetString(1), new ObservationCode(r.GetString(2), r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken,
            ("c", consumer),
            ("since", since.ToUniversalTime()));

    /// <inheritdoc />
    public async Task<IReadOnlyList<DetectionEvent>> GetPatientEventsAsync(string patientId, DetectionEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = DetectionEventSql.PatientEvents(patientId, query, '@', t => t.ToUniversalTime());
        return await QueryAsync(
            sql,
            r => new DetectionEvent(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), r.GetInt64(5)),
            cancellationToken,
            parameters);
    }

    private static async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DetectionCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using (var mark = new NpgsqlCommand(
            "INSERT INTO checkpoint (consumer, sequence) VALUES (@c, @s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence",
            connection,
            transaction))
        {
            mark.Parameters.AddWithValue("c", checkpoint.Consumer);
            mark.Parameters.AddWithValue("s", checkpoint.Sequence);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        var heads = checkpoint.LatestPerStream().ToList();
        if (heads.Count > 0)
        {
            await using var head = new NpgsqlCommand(
                """
                INSERT INTO detection_stream (consumer, patient_id, device_id, code_system, code, last_time)
                SELECT @c, * FROM unnest(@patient, @device, @system, @code, @time)
                ON CONFLICT (consumer, patient_id, device_id, code_system, code)
                DO UPDATE SET last_time = GREATEST(detection_stream.last_time, excluded.last_time)
                """,
                connection,
                transaction);
            head.Parameters.AddWithValue("c", checkpoint.Consumer);
            head.Parameters.Add(new NpgsqlParameter<string[]>("patient", [.. heads.Select(h => h.PatientId)]));
            head.Parameters.Add(new NpgsqlParameter<string[]>("device", [.. heads.Select(h => h.DeviceId)]));
            head.Parameters.Add(new NpgsqlParameter<string[]>("system", [.. heads.Select(h => h.Code.System)]));
            head.Parameters.Add(new NpgsqlParameter<string[]>("code", [.. heads.Select(h => h.Code.Code)]));
            head.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("time", [.. heads.Select(h => h.LastTime.ToUniversalTime())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await head.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var forget = new NpgsqlCommand("DELETE FROM detection_stream WHERE consumer = @c AND last_time < @before", connection, transaction);
        forget.Parameters.AddWithValue("c", checkpoint.Consumer);
        forget.Parameters.AddWithValue("before", checkpoint.ForgetBefore.ToUniversalTime());
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }
}
