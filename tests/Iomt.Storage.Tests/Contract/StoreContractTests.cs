using Iomt.Core.Measurements;
using Iomt.Core.Patients;
using static Iomt.Storage.Tests.Contract.Readings;

namespace Iomt.Storage.Tests.Contract;

/// <summary>
/// The storage contract: every implementation runs these tests. <see cref="CreateStore"/> opens a NEW store
/// object on the same backing data each call, so disposing and creating again is a restart.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private readonly List<IMeasurementStore> _opened = [];

    /// <summary>Opens a store on this test's data.</summary>
    protected abstract IMeasurementStore CreateStore();

    /// <summary>Opens and migrates a store.</summary>
    protected async Task<IMeasurementStore> OpenAsync()
    {
        var store = CreateStore();
        _opened.Add(store);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Disposes and opens again on the same data (a restart).</summary>
    protected async Task<IMeasurementStore> ReopenAsync(IMeasurementStore store)
    {
        await store.DisposeAsync();
        _opened.Remove(store);
        return await OpenAsync();
    }

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Round_trips_scalar_and_panel_readings_with_every_field()
    {
        var store = await OpenAsync();
        var scalar = HeartRate("dev-1", "m-1", "pat-1", T0, 72.125, ReadingMarks.LowAccuracy);
        var panel = BloodPressure("dev-1", "m-2", "pat-1", T0.AddMinutes(1));

        var result = await store.AppendAsync([scalar, panel], [], default);

        Assert.Equal([1L, 2L], result.Sequences.Select(s => s - result.Sequences[0] + 1));
        var stored = await store.FindByMessageIdsAsync("dev-1", ["m-1", "m-2"], default);
        var byId = stored.ToDictionary(s => s.Measurement.MessageId);
        AssertSameMeasurement(scalar.Measurement, byId["m-1"].Measurement);
        AssertSameMeasurement(panel.Measurement, byId["m-2"].Measurement);
        Assert.Equal(ReadingMarks.LowAccuracy, byId["m-1"].Marks);
        Assert.Equal(ReadingMarks.None, byId["m-2"].Marks);
        Assert.Equal(TimeSpan.Zero, byId["m-1"].Measurement.DeviceTime.Offset);
    }

    [Fact]
    public async Task Duplicates_within_one_batch_get_sequence_zero_and_are_stored_once()
    {
        var store = await OpenAsync();
        var result = await store.AppendAsync(
            [HeartRate("dev-1", "m-1", "pat-1", T0), HeartRate("dev-1", "m-1", "pat-1", T0, 99), HeartRate("dev-2", "m-1", "pat-2", T0)],
            [],
            default);

        Assert.True(result.Sequences[0] > 0);
        Assert.Equal(0, result.Sequences[1]);
        Assert.True(result.Sequences[2] > result.Sequences[0]);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(2, (await store.CountAsync(default)).Readings);
        var stored = Assert.Single(await store.FindByMessageIdsAsync("dev-1", ["m-1"], default));
        Assert.Equal(72, stored.Measurement.Value);
    }

    [Fact]
    public async Task Duplicates_across_batches_are_detected_and_new_ones_accepted()
    {
        var store = await OpenAsync();
        await store.AppendAsync([HeartRate("dev-1", "m-1", "pat-1", T0), HeartRate("dev-1", "m-2", "pat-1", T0)], [], default);

        var again = await store.AppendAsync([HeartRate("dev-1", "m-2", "pat-1", T0), HeartRate("dev-1", "m-3", "pat-1", T0), HeartRate("dev-1", "m-1", "pat-1", T0)], [], default);

        Assert.Equal(0, again.Sequences[0]);
        Assert.True(again.Sequences[1] > 0);
        Assert.Equal(0, again.Sequences[2]);
        Assert.Equal(3, (await store.CountAsync(default)).Readings);
    }

    [Fact]
    public async Task Resent_readings_are_duplicates_after_reopening_the_store()
    {
        var store = await OpenAsync();
        var first = Enumerable.Range(0, 1200).Select(i => HeartRate($"dev-{i % 7}", Guid.NewGuid().ToString(), $"pat-{i % 7}", T0.AddSeconds(i))).ToList();
        foreach (var chunk in first.Chunk(100))
        {
            await store.AppendAsync(chunk, [], default);
        }

        store = await ReopenAsync(store);
        var fresh = HeartRate("dev-1", "brand-new", "pat-1", T0);
        var resend = await store.AppendAsync([first[0], first[600], fresh, first[1199], fresh], [], default);

        Assert.Equal([0L, 0L, 1201L, 0L, 0L], resend.Sequences.Select(s => s == 0 ? 0 : s - resend.Sequences[2] + 1201));
        Assert.Equal(1201, (await store.CountAsync(default)).Readings);

        store = await ReopenAsync(store);
        var all = await store.AppendAsync(first.Append(fresh).ToList(), [], default);
        Assert.All(all.Sequences, s => Assert.Equal(0, s));
        Assert.Equal(1201, (await store.CountAsync(default)).Readings);
    }

    [Fact]
    public async Task Sequences_are_monotonic_and_the_feed_replays_them_in_order()
    {
        var store = await OpenAsync();
        var assigned = new List<long>();
        for (var batch = 0; batch < 5; batch++)
        {
            var readings = Enumerable.Range(0, 30).Select(i => HeartRate("dev-1", $"m-{batch}-{i}", "pat-1", T0.AddSeconds(-i))).ToList();
            assigned.AddRange((await store.AppendAsync(readings, [], default)).Sequences);
        }

        Assert.Equal(assigned.Order(), assigned);
        Assert.Equal(assigned.Count, assigned.Distinct().Count());
        Assert.Equal(assigned[^1], await store.GetLastSequenceAsync(default));

        var replay = new List<StoredReading>();
        var after = 0L;
        while (true)
        {
            var page = await store.ReadFeedAsync(after, 40, default);
            if (page.Count == 0)
            {
                break;
            }

            replay.AddRange(page);
            after = page[^1].Sequence;
        }

        Assert.Equal(assigned, replay.Select(r => r.Sequence));
        Assert.Equal("m-0-0", replay[0].Measurement.MessageId);
        Assert.Equal("m-4-29", replay[^1].Measurement.MessageId);
        Assert.Empty(await store.ReadFeedAsync(assigned[^1], 10, default));
        var tail = await store.ReadFeedAsync(assigned[^3], 10, default);
        Assert.Equal(assigned[^2..], tail.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Dead_letters_are_stored_with_the_batch_and_listed_newest_first()
    {
        var store = await OpenAsync();
        var huge = new string('x', DeadLetter.MaxPayloadLength + 100);
        await store.AppendAsync([HeartRate("dev-1", "m-1", "pat-1", T0)], [Rejected("dev-1", "first", T0), Rejected("dev-2", "second", T0.AddSeconds(1), huge)], default);
        await store.AppendAsync([], [Rejected("dev-1", "third", T0.AddSeconds(2))], default);

        var all = await store.GetDeadLettersAsync(new DeadLetterQuery(), default);
        Assert.Equal(["third", "second", "first"], all.Select(d => d.Reason));
        Assert.Equal(DeadLetter.MaxPayloadLength, all[1].Payload.Length);
        Assert.True(all[0].Id > all[1].Id);
        var third = all[0];
        Assert.Equal(("http", "dev-1", "bad-third", "value", "{\"value\":900}", T0.AddSeconds(2)), (third.Source, third.DeviceId, third.MessageId, third.Field, third.Payload, third.ReceivedTime));

        var dev1 = await store.GetDeadLettersAsync(new DeadLetterQuery("dev-1"), default);
        Assert.Equal(["third", "first"], dev1.Select(d => d.Reason));
        Assert.Single(await store.GetDeadLettersAsync(new DeadLetterQuery(Limit: 1), default));
        Assert.Equal(new StoreCounts(1, 3), await store.CountAsync(default));
    }

    [Fact]
    public async Task Patient_query_filters_by_code_and_time_and_orders_by_device_time()
    {
        var store = await OpenAsync();

        // Device times arrive out of order, across several batches and a reopen.
        await store.AppendAsync([HeartRate("dev-1", "a", "pat-1", T0.AddMinutes(5)), HeartRate("dev-1", "b", "pat-1", T0.AddMinutes(1)), HeartRate("dev-2", "x", "pat-2", T0.AddMinutes(2))], [], default);
        store = await ReopenAsync(store);
        await store.AppendAsync([BloodPressure("dev-3", "c", "pat-1", T0.AddMinutes(3)), HeartRate("dev-1", "d", "pat-1", T0), HeartRate("dev-1", "e", "pat-1", T0.AddMinutes(9))], [], default);

        var all = await store.GetPatientReadingsAsync("pat-1", new ReadingQuery(), default);
        Assert.Equal(["d", "b", "c", "a", "e"], all.Select(r => r.Measurement.MessageId));

        var heartRate = await store.GetPatientReadingsAsync("pat-1", new ReadingQuery(ObservationCode.Loinc("8867-4")), default);
        Assert.Equal(["d", "b", "a", "e"], heartRate.Select(r => r.Measurement.MessageId));

        var window = await store.GetPatientReadingsAsync("pat-1", new ReadingQuery(From: T0.AddMinutes(1), To: T0.AddMinutes(5)), default);
        Assert.Equal(["b", "c", "a"], window.Select(r => r.Measurement.MessageId));

        var limited = await store.GetPatientReadingsAsync("pat-1", new ReadingQuery(Limit: 2), default);
        Assert.Equal(["d", "b"], limited.Select(r => r.Measurement.MessageId));

        Assert.Empty(await store.GetPatientReadingsAsync("pat-unknown", new ReadingQuery(), default));
        Assert.Equal(["x"], (await store.GetPatientReadingsAsync("pat-2", new ReadingQuery(), default)).Select(r => r.Measurement.MessageId));
    }

    [Fact]
    public async Task Unbound_readings_are_stored_with_their_mark_and_no_patient()
    {
        var store = await OpenAsync();
        await store.AppendAsync([HeartRate("dev-9", "u-1", null, T0, marks: ReadingMarks.Unbound)], [], default);

        var stored = Assert.Single(await store.FindByMessageIdsAsync("dev-9", ["u-1", "missing"], default));
        Assert.Equal(ReadingMarks.Unbound, stored.Marks);
        Assert.Null(stored.Measurement.PatientId);
        var fed = Assert.Single(await store.ReadFeedAsync(0, 10, default));
        Assert.Equal(ReadingMarks.Unbound, fed.Marks);
    }

    [Fact]
    public async Task Find_by_message_ids_returns_only_the_named_devices_readings()
    {
        var store = await OpenAsync();
        await store.AppendAsync([HeartRate("dev-1", "m-1", "p", T0), HeartRate("dev-2", "m-2", "p", T0), HeartRate("dev-1", "m-3", "p", T0)], [], default);

        var found = await store.FindByMessageIdsAsync("dev-1", ["m-1", "m-2", "m-3", "m-4"], default);

        Assert.Equal(["m-1", "m-3"], found.Select(f => f.Measurement.MessageId).Order());
        Assert.All(found, f => Assert.Equal("dev-1", f.Measurement.DeviceId));
    }

    [Fact]
    public async Task Reports_itself_reachable_and_names_its_kind()
    {
        var store = await OpenAsync();
        Assert.True(await store.PingAsync(default));
        Assert.Contains(store.Kind, new[] { "sqlite", "postgresql" });
        Assert.Equal(0, await store.GetLastSequenceAsync(default));
        Assert.Equal(new StoreCounts(0, 0), await store.CountAsync(default));
    }

    /// <summary>Asserts every field of two measurements is equal (components element-wise).</summary>
    protected static void AssertSameMeasurement(Measurement expected, Measurement actual)
    {
        Assert.Equal(expected with { Components = [] }, actual with { Components = [] });
        Assert.Equal(expected.Components.AsEnumerable(), actual.Components.AsEnumerable());
    }

    /// <summary>The patients, devices and bindings side of a store.</summary>
    protected static IRegistryStore Registry(IMeasurementStore store) => (IRegistryStore)store;

    /// <summary>The checkpoint side of a store.</summary>
    protected static ICheckpointStore Checkpoints(IMeasurementStore store) => (ICheckpointStore)store;

    /// <summary>A patient with every field set.</summary>
    protected static Patient SamplePatient(string id) => new(id, "Test Person", new DateOnly(1950, 3, 4), T0);
}
