using System.Globalization;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, one writer connection used serially by the group-commit
/// writer, pooled reader connections. Readings are appended in chunks (one row per device and patient per commit,
/// docs/adr/0004-reading-chunks.md); exactly-once via deferred durable indexes
/// (docs/adr/0002-deduplication-and-storage-layout.md).
/// </summary>
public sealed partial class SqliteStore : IMeasurementStore, IRegistryStore, ICheckpointStore
{
    /// <summary>The columns <see cref="ReadChunk"/> expects, in order.</summary>
    internal const string ChunkColumns = "first_seq, count, device_id, patient_id, payload";

    // The Bloom filter's first layer (10 MiB): every later layer costs one more cache miss per new reading, so
    // start large enough that a store of a few million readings never grows one.
    private const long InitialBloomKeys = 8L << 20;

    // Bounds the work of decoding a chunk to find one reading (idempotency checks, feed positions).
    private const int MaxChunkReadings = 1000;

    private const string LastSequenceSql = "SELECT coalesce((SELECT first_seq + count - 1 FROM reading_chunk ORDER BY first_seq DESC LIMIT 1), 0)";

    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private SqliteConnection? _writer;
    private WriterCommands? _commands;
    private RecentReadingIndex? _recent;
    private KeyBloomFilter? _bloom;
    private readonly List<PendingReading> _chunkMembers = [];
    private readonly System.Buffers.ArrayBufferWriter<byte> _chunkPayload = new(64 * 1024);
    private readonly Dictionary<string, int> _chunkStrings = new(StringComparer.Ordinal);
    private readonly ChunkCache _writerChunks = new(8);
    private MergeRun? _merge;
    private WalCheckpointer? _checkpointer;
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
            _lastSequence = ScalarInt64(writer, LastSequenceSql);
            LoadRecentIndex(writer);
            _commands = new WriterCommands(writer);

            // Most WAL frames are copied to the database file by a second connection (WalCheckpointer); the writer
            // keeps SQLite's automatic checkpoint at 1 000 pages, which then has little left to copy.
            _checkpointer = new WalCheckpointer(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
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
        return ScalarInt64(connection, LastSequenceSql);
    }

    /// <inheritdoc />
    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);

        // Sequences are dense (only stored readings get one, nothing is deleted), so the last one is the count.
        return new StoreCounts(
            ScalarInt64(connection, LastSequenceSql),
            ScalarInt64(connection, "SELECT count(*) FROM dead_letter"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Both gates: a MigrateAsync in progress finishes opening first, so nothing it opens is left running.
        await _openGate.WaitAsync();
        await _writeGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_checkpointer is not null)
            {
                await _checkpointer.DisposeAsync();
            }

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
            _openGate.Release();
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
            if (script.Version == 2)
            {
                ConvertLegacyReadings(connection, transaction);
            }

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
        var bloom = new KeyBloomFilter(Math.Max(InitialBloomKeys, _lastSequence * 2), _options.BloomFilterMaxBytes);
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
        var chunks = new List<TailChunk>();
        using (var command = connection.CreateCommand())
        {
            // Merges complete at commit boundaries, which are chunk boundaries: a chunk is wholly merged or not.
            command.CommandText = $"SELECT {ChunkColumns}, max_time FROM reading_chunk WHERE first_seq > $w ORDER BY first_seq";
            command.Parameters.AddWithValue("$w", mergedThrough);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var chunk = ReadChunk(reader);
                chunks.Add(new TailChunk(chunk.FirstSeq, reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(5)));
                foreach (var stored in chunk.Readings)
                {
                    var entry = new TailEntry(stored.Sequence, ReadingKeyHash.Of(stored.Measurement.DeviceId, stored.Measurement.MessageId));
                    tail.Add(entry);
                    bloom.Add(entry.Hash);
                }
            }
        }

        recent.Add(tail, chunks);
        _recent = recent;
        _bloom = bloom;
    }

    /// <summary>A chunk row from a reader positioned on <see cref="ChunkColumns"/>.</summary>
    internal static ChunkRow ReadChunk(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt32(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        (byte[])reader.GetValue(4));

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
