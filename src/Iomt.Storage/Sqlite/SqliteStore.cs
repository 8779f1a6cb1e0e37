using System.Globalization;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, one writer connection used serially by the group-commit
/// writer, pooled reader connections. Exactly-once via an append-only table plus deferred durable indexes
/// (docs/adr/0002-deduplication-and-storage-layout.md).
/// </summary>
public sealed partial class SqliteStore : IMeasurementStore, IRegistryStore, ICheckpointStore
{
    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private SqliteConnection? _writer;
    private WriterCommands? _commands;
    private RecentReadingIndex? _recent;
    private KeyBloomFilter? _bloom;
    private MergeRun? _merge;
    private long _lastSequence;
    private bool _disposed;

    /// <summary>Creates the store; nothing is opened until <see cref="MigrateAsync"/> or first use.</summary>
    public SqliteStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public string Kind => "sqlite";

    /// <summary>The durability setting in force.</summary>
    public SqliteSynchronous Synchronous => _options.Synchronous;

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
            var writer = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
            await writer.OpenAsync(cancellationToken);
            Execute(writer, "PRAGMA journal_mode=WAL;");
            Configure(writer, _options.WriterCacheMegabytes);
            ApplyMigrations(writer);
            _lastSequence = ScalarInt64(writer, "SELECT coalesce(max(seq), 0) FROM reading");
            LoadRecentIndex(writer);
            _commands = new WriterCommands(writer);
            _writer = writer;
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            return ScalarInt64(connection, "SELECT 1") == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM reading");
    }

    /// <inheritdoc />
    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);

        // Sequences are dense (only stored readings get one, nothing is deleted), so max(seq) is the count.
        return new StoreCounts(
            ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM reading"),
            ScalarInt64(connection, "SELECT count(*) FROM dead_letter"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _commands?.Dispose();
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }

            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EnsureOpenAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Configure(connection, _options.ReaderCacheMegabytes);
        return connection;
    }

    private void Configure(SqliteConnection connection, int cacheMegabytes)
    {
        var synchronous = _options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        Execute(connection, string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous={synchronous}; PRAGMA cache_size=-{cacheMegabytes * 1024}; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
    }

    private static void ApplyMigrations(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        var applied = new HashSet<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version FROM schema_migrations";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        foreach (var script in MigrationScript.Load("sqlite").Where(s => !applied.Contains(s.Version)))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script.Sql;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
            command.Parameters.AddWithValue("$v", script.Version);
            command.Parameters.AddWithValue("$n", script.Name);
            command.Parameters.AddWithValue("$t", UnixMicroseconds.From(DateTimeOffset.UtcNow));
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private void LoadRecentIndex(SqliteConnection connection)
    {
        var mergedThrough = ScalarInt64(connection, "SELECT merged_through FROM index_state WHERE id = 1");
        var recent = new RecentReadingIndex(mergedThrough);
        var bloom = new KeyBloomFilter(Math.Max(1 << 20, _lastSequence * 2), _options.BloomFilterMaxBytes);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key_hash FROM reading_key";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bloom.Add(reader.GetInt64(0));
            }
        }

        var tail = new List<TailEntry>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, key_hash, patient_id, device_time FROM reading WHERE seq > $w ORDER BY seq";
            command.Parameters.AddWithValue("$w", mergedThrough);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var entry = new TailEntry(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
                tail.Add(entry);
                bloom.Add(entry.Hash);
            }
        }

        recent.Add(tail);
        _recent = recent;
        _bloom = bloom;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
