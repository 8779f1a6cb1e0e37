using Iomt.Core.Measurements;
using Iomt.Server.Feed;
using Iomt.Server.Ingestion;
using Iomt.Server.Metrics;
using Iomt.Storage;
using Iomt.Storage.Sqlite;
using Iomt.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Tests.Ingestion;

public sealed class GroupCommitterTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServerMetrics _metrics = new();
    private GatedStore _store = null!;
    private GroupCommitter _committer = null!;
    private CommittedFeed _feed = null!;

    public async Task InitializeAsync()
    {
        var sqlite = new SqliteStore(new SqliteStoreOptions { DataDirectory = _dir.Path });
        await sqlite.MigrateAsync(CancellationToken.None);
        _store = new GatedStore(sqlite);
        _feed = new CommittedFeed(Options.Create(new FeedOptions { Partitions = 4, PartitionCapacity = 2 }), _metrics);
        _committer = new GroupCommitter(_store, _feed, _metrics, Options.Create(new IngestionOptions()), TimeProvider.System, NullLogger<GroupCommitter>.Instance);
    }

    public async Task DisposeAsync()
    {
        _store.Open(100);
        await _committer.DisposeAsync();
        await _store.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    private static PendingReading Reading(string device, string id, string patient = "p-1") => new(new Measurement
    {
        DeviceId = device,
        MessageId = id,
        PatientId = patient,
        Code = ObservationCode.Loinc("8867-4"),
        Value = 70,
        Unit = "/min",
        DeviceTime = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
        ReceivedTime = new DateTimeOffset(2026, 11, 22, 10, 0, 1, TimeSpan.Zero),
    });

    [Fact]
    public async Task Callers_are_not_answered_before_the_commit_and_are_answered_after_it()
    {
        var call = _committer.CommitAsync([Reading("d", "1")], [], CancellationToken.None);
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        _store.Open();
        var sequences = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sequences[0] > 0);
        Assert.Single(await _store.FindByMessageIdsAsync("d", ["1"], CancellationToken.None));
    }

    [Fact]
    public async Task Requests_queued_during_a_commit_share_the_next_transaction()
    {
        var first = _committer.CommitAsync([Reading("d", "a")], [], CancellationToken.None);
        await WaitUntil(() => _committer is not null && first.Status == TaskStatus.WaitingForActivation);
        var queued = Enumerable.Range(0, 20).Select(i => _committer.CommitAsync([Reading("d", $"q{i}")], [], CancellationToken.None)).ToArray();
        _store.Open(2);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(_store.Appends <= 3, $"expected the 20 queued requests to share a transaction, saw {_store.Appends} appends ({string.Join(",", _store.BatchSizes)})");
        Assert.Equal(21, _store.BatchSizes.Sum());
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_and_acknowledges_nothing()
    {
        _store.FailNext = new IOException("disk full");
        var call = _committer.CommitAsync([Reading("d", "f1"), Reading("d", "f2")], [], CancellationToken.None);
        _store.Open();
        await Assert.ThrowsAsync<IOException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await _store.FindByMessageIdsAsync("d", ["f1", "f2"], CancellationToken.None));
        Assert.Equal(1, _metrics.CommitFailures.Value);
    }

    [Fact]
    public async Task Duplicates_get_sequence_zero_and_are_not_published()
    {
        _store.Open(2);
        var first = await _committer.CommitAsync([Reading("d", "x"), Reading("d", "x")], [], CancellationToken.None);
        var again = await _committer.CommitAsync([Reading("d", "x")], [], CancellationToken.None);
        Assert.True(first[0] > 0);
        Assert.Equal(0, first[1]);
        Assert.Equal(0, again[0]);
        var partition = _feed.Partition(_feed.PartitionOf("p-1"));
        Assert.True(partition.Reader.TryRead(out var published));
        Assert.Equal(first[0], published.Sequence);
        Assert.False(partition.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_full_feed_partition_overflows_instead_of_blocking_the_writer()
    {
        _store.Open(1);
        var batch = Enumerable.Range(0, 10).Select(i => Reading("d", $"o{i}")).ToList();
        var sequences = await _committer.CommitAsync(batch, [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(sequences, s => Assert.True(s > 0));
        Assert.True(_feed.Partition(_feed.PartitionOf("p-1")).Overflowed);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
