using Iomt.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Iomt.Storage.Postgres;

/// <summary>Detection events and the detection consumer's checkpoint, written together.</summary>
public sealed partial class PostgresStore : IDetectionEventStore
{
    /// <inheritdoc />
    public async Task<int> AppendDetectionEventsAsync(string? consumer, IReadOnlyList<DetectionEvent> events, long checkpoint, CancellationToken cancellationToken)
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

        if (consumer is not null)
        {
            await using var mark = new NpgsqlCommand(
                "INSERT INTO checkpoint (consumer, sequence) VALUES (@c, @s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence",
                connection,
                transaction);
            mark.Parameters.AddWithValue("c", consumer);
            mark.Parameters.AddWithValue("s", checkpoint);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

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
}
