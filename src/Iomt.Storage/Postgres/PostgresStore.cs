using Iomt.Storage.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Iomt.Storage.Postgres;

/// <summary>
/// The hospital store: PostgreSQL through Npgsql, readings partitioned by device time, idempotency keys in an
/// unpartitioned key table, one transaction per batch (keys via <c>INSERT … SELECT unnest … ON CONFLICT DO
/// NOTHING</c>, readings via binary COPY). One writer process assigns the sequences.
/// </summary>
public sealed partial class PostgresStore : IMeasurementStore, IRegistryStore, ICheckpointStore
{
    private readonly PostgresStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly MonthlyPartitions _partitions = new();
    private bool _migrated;
    private long _lastSequence;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    public PostgresStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <inheritdoc />
    public string Kind => "postgresql";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('iomt-migrate:' || @schema))", cancellationToken, ("schema", _options.Schema));
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{_options.Schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var script in MigrationScript.Load("postgres").Where(s => !applied.Contains(s.Version)))
            {
                await ExecuteAsync(connection, script.Sql, cancellationToken);
                await ExecuteAsync(connection, "INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", cancellationToken, ("v", script.Version), ("n", script.Name));
            }

            await transaction.CommitAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM reading_key", connection))
            {
                _lastSequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            _migrated = true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<PendingReading> readings, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(deadLetters);
        await EnsureMigratedAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await _partitions.EnsureAsync(connection, readings.Select(r => r.Measurement.DeviceTime), cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Each input gets a tentative sequence; the key insert returns the ones that were new. Duplicates
            // (stored or earlier in this batch) leave a gap, which the feed tolerates.
            var first = _lastSequence + 1;
            var sequences = new long[readings.Count];
            var accepted = await InsertKeysAsync(connection, readings, first, cancellationToken);
            await CopyReadingsAsync(connection, readings, first, accepted, sequences, cancellationToken);
            await InsertDeadLettersAsync(connection, deadLetters, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _lastSequence = first + readings.Count - 1;
            return new AppendResult(sequences);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            await _dataSource.DisposeAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    private static async Task<HashSet<long>> InsertKeysAsync(NpgsqlConnection connection, IReadOnlyList<PendingReading> readings, long first, CancellationToken cancellationToken)
    {
        var devices = new string[readings.Count];
        var messages = new string[readings.Count];
        var seqs = new long[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            devices[i] = readings[i].Measurement.DeviceId;
            messages[i] = readings[i].Measurement.MessageId;
            seqs[i] = first + i;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO reading_key (device_id, message_id, seq)
            SELECT d, m, s FROM unnest(@devices, @messages, @seqs) AS t(d, m, s) ORDER BY s
            ON CONFLICT DO NOTHING RETURNING seq
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("devices", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = devices });
        command.Parameters.Add(new NpgsqlParameter<string[]>("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = messages });
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = seqs });
        var accepted = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accepted.Add(reader.GetInt64(0));
        }

        return accepted;
    }

    private static async Task CopyReadingsAsync(NpgsqlConnection connection, IReadOnlyList<PendingReading> readings, long first, HashSet<long> accepted, long[] sequences, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY reading (seq, device_id, message_id, patient_id, code_system, code, value, components, unit, device_time, received_time, marks) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < readings.Count; i++)
        {
            var seq = first + i;
            if (!accepted.Contains(seq))
            {
                continue;
            }

            sequences[i] = seq;
            var m = readings[i].Measurement;
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(seq, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(m.DeviceId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(m.MessageId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, m.PatientId, cancellationToken);
            await copy.WriteAsync(m.Code.System, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(m.Code.Code, NpgsqlDbType.Text, cancellationToken);
            if (m.Value is { } value)
            {
                await copy.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await WriteNullableAsync(copy, ComponentsJson.Write(m.Components), cancellationToken);
            await copy.WriteAsync(m.Unit, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(m.DeviceTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(m.ReceivedTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync((int)readings[i].Marks, NpgsqlDbType.Integer, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static async Task InsertDeadLettersAsync(NpgsqlConnection connection, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        foreach (var letter in deadLetters)
        {
            await ExecuteAsync(
                connection,
                "INSERT INTO dead_letter (source, device_id, message_id, field, reason, payload, received_time) VALUES (@s, @d, @m, @f, @r, @p, @t)",
                cancellationToken,
                ("s", letter.Source),
                ("d", letter.DeviceId),
                ("m", letter.MessageId),
                ("f", letter.Field),
                ("r", letter.Reason),
                ("p", letter.Payload.Length > DeadLetter.MaxPayloadLength ? letter.Payload[..DeadLetter.MaxPayloadLength] : letter.Payload),
                ("t", letter.ReceivedTime.ToUniversalTime()));
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        // An untyped null lets PostgreSQL infer the column's type.
        null => new NpgsqlParameter(name, DBNull.Value),
        _ => new NpgsqlParameter(name, value),
    };
}
