using Iomt.Core.Measurements;
using Iomt.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Iomt.Storage.Postgres;

/// <summary>Reads: patient charts, the committed feed, idempotency look-ups, dead letters, counts.</summary>
public sealed partial class PostgresStore
{
    private const string ReadingColumns = "r.seq, r.device_id, r.message_id, r.patient_id, r.code_system, r.code, r.value, r.components, r.unit, r.device_time, r.received_time, r.marks";

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> GetPatientReadingsAsync(string patientId, ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureMigratedAsync(cancellationToken);
        var sql = $"SELECT {ReadingColumns} FROM reading r WHERE r.patient_id = @patient"
            + (query.From is null ? "" : " AND r.device_time >= @from")
            + (query.To is null ? "" : " AND r.device_time <= @to")
            + (query.Code is null ? "" : " AND r.code_system = @system AND r.code = @code")
            + " ORDER BY r.device_time, r.seq LIMIT @limit";
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("patient", patientId);
        if (query.From is { } from)
        {
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
        }

        if (query.To is { } to)
        {
            command.Parameters.AddWithValue("to", to.ToUniversalTime());
        }

        if (query.Code is { } code)
        {
            command.Parameters.AddWithValue("system", code.System);
            command.Parameters.AddWithValue("code", code.Code);
        }

        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand($"SELECT {ReadingColumns} FROM reading r WHERE r.seq > @after ORDER BY r.seq LIMIT @limit");
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM reading_key");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> FindByMessageIdsAsync(string deviceId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ReadingColumns} FROM reading_key k JOIN reading r ON r.seq = k.seq
            WHERE k.device_id = @device AND k.message_id = ANY(@messages) ORDER BY r.seq
            """);
        command.Parameters.AddWithValue("device", deviceId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. messageIds] });
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT (SELECT count(*) FROM reading_key), (SELECT count(*) FROM dead_letter)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(
            "SELECT id, source, device_id, message_id, field, reason, payload, received_time FROM dead_letter"
            + (query.DeviceId is null ? "" : " WHERE device_id = @device")
            + " ORDER BY id DESC LIMIT @limit");
        if (query.DeviceId is not null)
        {
            command.Parameters.AddWithValue("device", query.DeviceId);
        }

        command.Parameters.AddWithValue("limit", query.Limit);
        var results = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new DeadLetter
            {
                Id = reader.GetInt64(0),
                Source = reader.GetString(1),
                DeviceId = reader.IsDBNull(2) ? null : reader.GetString(2),
                MessageId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Field = reader.GetString(4),
                Reason = reader.GetString(5),
                Payload = reader.GetString(6),
                ReceivedTime = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return results;
    }

    private static async Task<IReadOnlyList<StoredReading>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var results = new List<StoredReading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new StoredReading(
                reader.GetInt64(0),
                new Measurement
                {
                    DeviceId = reader.GetString(1),
                    MessageId = reader.GetString(2),
                    PatientId = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Code = new ObservationCode(reader.GetString(4), reader.GetString(5)),
                    Value = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                    Components = ComponentsJson.Read(reader.IsDBNull(7) ? null : reader.GetString(7)),
                    Unit = reader.GetString(8),
                    DeviceTime = reader.GetFieldValue<DateTimeOffset>(9),
                    ReceivedTime = reader.GetFieldValue<DateTimeOffset>(10),
                },
                (ReadingMarks)reader.GetInt32(11)));
        }

        return results;
    }
}
