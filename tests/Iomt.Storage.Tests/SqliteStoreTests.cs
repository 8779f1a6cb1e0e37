using Iomt.Storage.Sqlite;
using Iomt.Storage.Tests.Contract;
using Iomt.TestSupport;
using Microsoft.Data.Sqlite;
using static Iomt.Storage.Tests.Contract.Readings;

namespace Iomt.Storage.Tests;

/// <summary>
/// The contract against SQLite in a temp folder. A tiny merge threshold makes every test cross the deferred
/// index merge several times, so the recent-tail and durable-index paths are both exercised.
/// </summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new();

    /// <inheritdoc />
    protected override IMeasurementStore CreateStore() => new SqliteStore(new SqliteStoreOptions
    {
        DataDirectory = Path.Combine(_folder.Path, "data"),
        MergeThreshold = 64,
        MergeSliceSize = 16,
        WriterCacheMegabytes = 8,
        ReaderCacheMegabytes = 2,
    });

    [Fact]
    public async Task A_store_opened_after_an_unclean_stop_mid_merge_still_detects_every_resend()
    {
        // The first store is never disposed (as after SIGKILL): its WAL is not checkpointed and a merge is
        // typically half done (some slices committed, watermark not advanced).
        var crashed = CreateStore();
        await crashed.MigrateAsync(default);
        var sent = Enumerable.Range(0, 230).Select(i => HeartRate($"dev-{i % 5}", Guid.NewGuid().ToString(), "p", T0.AddSeconds(i))).ToList();
        foreach (var chunk in sent.Chunk(23))
        {
            await crashed.AppendAsync(chunk, [], default);
        }

        var store = await OpenAsync();
        var resend = await store.AppendAsync([.. sent, HeartRate("dev-new", "m-new", "p", T0)], [], default);

        Assert.Equal(230, resend.Duplicates);
        Assert.Equal(231L, resend.Sequences[^1]);
        Assert.Equal(231, (await store.GetPatientReadingsAsync("p", new ReadingQuery(), default)).Count);
        var again = await store.AppendAsync(sent, [], default);
        Assert.Equal(230, again.Duplicates);
    }

    private long MergedThrough()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "data", "iomt.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT merged_through FROM index_state";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Runs after <see cref="StoreContractTests.DisposeAsync"/> closed the stores.</summary>
    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Creates_one_database_file_in_the_data_folder_in_wal_mode()
    {
        var store = await OpenAsync();
        await store.AppendAsync([HeartRate("d", "m", "p", T0)], [], default);

        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", "iomt.db")));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", "iomt.db-wal")));
        Assert.Equal(SqliteSynchronous.Normal, ((SqliteStore)store).Synchronous);
    }

    [Fact]
    public async Task A_resend_is_a_duplicate_whether_its_key_is_in_the_recent_tail_or_the_merged_index()
    {
        var store = await OpenAsync();
        var sent = Enumerable.Range(0, 500).Select(i => HeartRate($"dev-{i % 3}", $"msg-{i}", "p", T0.AddSeconds(i))).ToList();
        foreach (var chunk in sent.Chunk(20))
        {
            await store.AppendAsync(chunk, [], default);
        }

        // Early keys are merged into reading_key by now, late ones still only in the in-memory tail.
        var mergedThrough = MergedThrough();
        Assert.InRange(mergedThrough, 64, 499);
        var again = await store.AppendAsync([sent[0], sent[250], sent[499]], [], default);
        Assert.Equal([0L, 0L, 0L], again.Sequences);
        var found = await store.FindByMessageIdsAsync("dev-0", ["msg-0", "msg-498", "msg-1"], default);
        Assert.Equal(["msg-0", "msg-498"], found.Select(f => f.Measurement.MessageId).Order());
        Assert.Equal(500, (await store.GetPatientReadingsAsync("p", new ReadingQuery(), default)).Count);
    }
}
