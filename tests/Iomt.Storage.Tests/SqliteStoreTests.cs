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

    [Fact]
    public async Task Interleaved_devices_and_long_batches_are_chunked_without_changing_what_comes_back()
    {
        var store = await OpenAsync();

        // Three devices interleaved, two patients, a panel, an in-batch duplicate, and 1 500 readings of one device
        // (more than one chunk holds).
        var batch = new List<PendingReading>();
        for (var i = 0; i < 1500; i++)
        {
            batch.Add(HeartRate($"dev-{i % 3}", $"m-{i}", i % 3 == 2 ? "q" : "p", T0.AddSeconds(1500 - i), 60 + (i % 50)));
        }

        batch.Add(BloodPressure("dev-0", "bp-1", "p", T0.AddSeconds(-5)));
        batch.Add(HeartRate("dev-1", "m-1", "p", T0));
        var long1 = Enumerable.Range(0, 1500).Select(i => HeartRate("dev-long", $"l-{i}", "q", T0.AddMilliseconds(i))).ToList();
        var result = await store.AppendAsync([.. batch, .. long1], [], default);

        Assert.Equal(1, result.Duplicates);
        Assert.Equal(3001L, result.Sequences.Count(s => s > 0));
        Assert.Equal(Enumerable.Range(1, 3001).Select(i => (long)i), result.Sequences.Where(s => s > 0).Order());

        // Every stored reading comes back from the feed under the sequence it was given, with its own fields.
        var feed = await store.ReadFeedAsync(0, 10_000, default);
        Assert.Equal(Enumerable.Range(1, 3001).Select(i => (long)i), feed.Select(f => f.Sequence));
        var sent = batch.Concat(long1).ToList();
        for (var i = 0; i < sent.Count; i++)
        {
            if (result.Sequences[i] > 0)
            {
                var stored = feed[(int)result.Sequences[i] - 1].Measurement;
                Assert.Equal(sent[i].Measurement.Components.ToArray(), stored.Components.ToArray());
                Assert.Equal(sent[i].Measurement with { Components = [] }, stored with { Components = [] });
            }
        }

        // The feed can resume inside a chunk.
        var resumed = await store.ReadFeedAsync(1234, 3, default);
        Assert.Equal([1235L, 1236L, 1237L], resumed.Select(r => r.Sequence));

        var chartQ = await store.GetPatientReadingsAsync("q", new ReadingQuery(From: T0, To: T0.AddSeconds(2)), default);
        Assert.Equal(1500, chartQ.Count(r => r.Measurement.DeviceId == "dev-long"));
        Assert.True(chartQ.Zip(chartQ.Skip(1)).All(p => p.First.Measurement.DeviceTime <= p.Second.Measurement.DeviceTime));
        var again = await store.AppendAsync([.. long1.Take(10), batch[^2]], [], default);
        Assert.Equal(11, again.Duplicates);
    }

    [Fact]
    public async Task A_version_1_database_is_converted_to_chunks_and_keeps_every_reading_and_key()
    {
        var path = Path.Combine(_folder.Path, "data", "iomt.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var v1 = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            v1.Open();
            using var command = v1.CreateCommand();
            command.CommandText = Iomt.Storage.Schema.MigrationScript.Load("sqlite").Single(s => s.Version == 1).Sql + """

                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '0001_initial', 0);
                UPDATE index_state SET merged_through = 2;
                """;
            command.ExecuteNonQuery();

            // Rows 1-2 merged (their keys in reading_key), row 3 in the tail; v1 kept panel components as JSON.
            command.CommandText = """
                INSERT INTO reading VALUES
                  (1, $h1, 'cuff', 'a', 'p', 'http://loinc.org', '8867-4', 72, NULL, '/min', 1000000, 2000000, 0),
                  (2, $h2, 'cuff', 'b', 'p', 'http://loinc.org', '85354-9', NULL, '[{"s":"http://loinc.org","c":"8480-6","v":120,"u":"mm[Hg]"}]', 'mm[Hg]', 3000000, 4000000, 0),
                  (3, $h3, 'band', 'c', NULL, 'http://loinc.org', '8867-4', 80, NULL, '/min', 5000000, 6000000, 1);
                INSERT INTO reading_key VALUES ($h1, 1), ($h2, 2);
                INSERT INTO reading_patient VALUES ('p', 1000000, 1), ('p', 3000000, 2);
                """;
            command.Parameters.AddWithValue("$h1", Iomt.Storage.Deduplication.ReadingKeyHash.Of("cuff", "a"));
            command.Parameters.AddWithValue("$h2", Iomt.Storage.Deduplication.ReadingKeyHash.Of("cuff", "b"));
            command.Parameters.AddWithValue("$h3", Iomt.Storage.Deduplication.ReadingKeyHash.Of("band", "c"));
            command.ExecuteNonQuery();
        }

        var store = await OpenAsync();
        var chart = await store.GetPatientReadingsAsync("p", new ReadingQuery(), default);
        Assert.Equal(["a", "b"], chart.Select(r => r.Measurement.MessageId));
        Assert.Equal(120, Assert.Single(chart[1].Measurement.Components).Value);
        var feed = await store.ReadFeedAsync(0, 10, default);
        Assert.Equal([1L, 2L, 3L], feed.Select(r => r.Sequence));
        Assert.Equal(ReadingMarks.Unbound, feed[2].Marks);
        var resend = await store.AppendAsync(
            [HeartRate("cuff", "a", "p", T0), HeartRate("cuff", "b", "p", T0), HeartRate("band", "c", null, T0), HeartRate("band", "d", null, T0)], [], default);
        Assert.Equal([0L, 0L, 0L, 4L], resend.Sequences);
    }
}
