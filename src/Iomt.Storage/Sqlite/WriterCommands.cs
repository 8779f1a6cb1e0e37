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
        InsertChunk = new RawStatement(connection, """
            INSERT INTO reading_chunk (first_seq, count, device_id, patient_id, min_time, max_time, payload)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """);
        InsertDeadLetter = Prepare(connection, """
            INSERT INTO dead_letter (source, device_id, message_id, field, reason, payload, received_time)
            VALUES ($source, $device, $message, $field, $reason, $payload, $received)
            """, "$source", "$device", "$message", "$field", "$reason", "$payload", "$received");
        ChunkOfSeq = Prepare(connection, $"SELECT {SqliteStore.ChunkColumns} FROM reading_chunk WHERE first_seq <= $seq ORDER BY first_seq DESC LIMIT 1", "$seq");
        SeqsOfHash = Prepare(connection, "SELECT seq FROM reading_key WHERE key_hash = $hash", "$hash");
        MergeKey = new RawStatement(connection, "INSERT OR IGNORE INTO reading_key (key_hash, seq) VALUES (?1, ?2)");
        MergePatient = new RawStatement(connection, "INSERT OR IGNORE INTO chunk_patient (patient_id, max_time, first_seq) VALUES (?1, ?2, ?3)");
        SetMergedThrough = Prepare(connection, "UPDATE index_state SET merged_through = $seq WHERE id = 1", "$seq");
    }

    public RawStatement InsertChunk { get; }

    public SqliteCommand InsertDeadLetter { get; }

    /// <summary>The chunk holding a sequence (the last chunk starting at or before it).</summary>
    public SqliteCommand ChunkOfSeq { get; }

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

        InsertChunk.Dispose();
        MergeKey.Dispose();
        MergePatient.Dispose();
    }

    private IEnumerable<SqliteCommand> All() => [InsertDeadLetter, ChunkOfSeq, SeqsOfHash, SetMergedThrough];

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
