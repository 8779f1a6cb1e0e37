namespace Iomt.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store (bound from configuration section "Storage:Sqlite").</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The data folder; created when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; init; } = "iomt.db";

    /// <summary>Durability of a commit; see docs/benchmarks/storage.md for the measured cost.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>Page cache of the writer connection in MiB.</summary>
    public int WriterCacheMegabytes { get; init; } = 256;

    /// <summary>Page cache of each reader connection in MiB.</summary>
    public int ReaderCacheMegabytes { get; init; } = 32;

    /// <summary>Readings kept in the in-memory recent index before a deferred merge into the durable indexes starts.</summary>
    public int MergeThreshold { get; init; } = 262_144;

    /// <summary>Durable index entries merged per append, inside its transaction (bounds the added commit latency).</summary>
    public int MergeSliceSize { get; init; } = 4096;

    /// <summary>Upper bound of the Bloom filter's memory; past it the false-positive rate rises (slower, never wrong).</summary>
    public long BloomFilterMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
