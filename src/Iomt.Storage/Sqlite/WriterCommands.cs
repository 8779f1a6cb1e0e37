using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// The writer connection's prepared statements, created once and reused for every row: in Microsoft.Data.Sqlite
/// one reused prepared INSERT beats multi-row VALUES statements, and the per-row ones bind through SQLitePCLRaw.
/// </summary>
internal sealed class WriterCommands : IDisposable
{
    public WriterCommands(SqliteConnection connection)
    {
        InsertReading = new RawStatement(connection, """
            INSERT INTO reading (seq, key_hash, device_id, message_id, patient_id, code_system, code, value, components, unit, device_time, received_time, marks)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """);
        InsertDeadLetter = Prepare(connection, """
            INSERT INTO dead_letter (source, device_id, message_id, field, reason, payload, received_time)
            VALUES ($source, $device, $message, $field, $reason, $payload, $received)
            """, "$source", "$device", "$message", "$field", "$reason", "$payload", "$received");
        KeyOfSeq = Prepare(connection, "SELECT device_id, message_id FROM reading WHERE seq = $seq", "$seq");
        SeqsOfHash = Prepare(connection, "SELECT seq FROM reading_key WHERE key_hash = $hash", "$hash");
        MergeKey = new RawStatement(connection, "INSERT OR IGNORE INTO reading_key (key_hash, seq) VALUES (?1, ?2)");
        MergePatient = new RawStatement(connection, "INSERT OR IGNORE INTO reading_patient (patient_id, device_time, seq) VALUES (?1, ?2, ?3)");
        SetMergedThrough = Prepare(connection, "UPDATE index_state SET merged_through = $seq WHERE id = 1", "$seq");
    }

    public RawStatement InsertReading { get; }

    public SqliteCommand InsertDeadLetter { get; }

    public SqliteCommand KeyOfSeq { get; }

    public SqliteCommand SeqsOfHash { get; }

    public RawStatement MergeKey { get; }

    public RawStatement MergePatient { get; }

    public SqliteCommand SetMergedThrough { get; }

    /// <summary>Enlists every statement in <paramref name="transaction"/>.</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in All())
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in All())
        {
            command.Dispose();
        }

        InsertReading.Dispose();
        MergeKey.Dispose();
        MergePatient.Dispose();
    }

    private IEnumerable<SqliteCommand> All() => [InsertDeadLetter, KeyOfSeq, SeqsOfHash, SetMergedThrough];

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        command.Prepare();
        return command;
    }
}
