using Iomt.Core.Patients;
using static Iomt.Storage.Tests.Contract.Readings;

namespace Iomt.Storage.Tests.Contract;

/// <summary>Registry, checkpoints, migrations and concurrency parts of the contract.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Patients_and_devices_are_created_replaced_listed_and_deleted()
    {
        var store = await OpenAsync();
        var registry = Registry(store);
        await registry.UpsertPatientAsync(SamplePatient("p-2"), default);
        await registry.UpsertPatientAsync(new Patient("p-1"), default);
        await registry.UpsertPatientAsync(SamplePatient("p-1") with { DisplayName = "Renamed" }, default);
        await registry.UpsertDeviceAsync(new Device("d-2", "oximeter", "Acme", "OX-1", T0), default);
        await registry.UpsertDeviceAsync(new Device("d-1"), default);

        Assert.Equal(SamplePatient("p-1") with { DisplayName = "Renamed" }, await registry.GetPatientAsync("p-1", default));
        Assert.Equal(["p-1", "p-2"], (await registry.ListPatientsAsync(default)).Select(p => p.Id));
        Assert.Equal(new Device("d-2", "oximeter", "Acme", "OX-1", T0), await registry.GetDeviceAsync("d-2", default));
        Assert.Equal(["d-1", "d-2"], (await registry.ListDevicesAsync(default)).Select(d => d.Id));

        Assert.True(await registry.DeletePatientAsync("p-2", default));
        Assert.False(await registry.DeletePatientAsync("p-2", default));
        Assert.Null(await registry.GetPatientAsync("p-2", default));
        Assert.True(await registry.DeleteDeviceAsync("d-1", default));
        Assert.False(await registry.DeleteDeviceAsync("d-1", default));
        Assert.Null(await registry.GetDeviceAsync("d-1", default));
    }

    [Fact]
    public async Task Binding_over_time_closes_the_previous_binding_and_unbind_closes_the_open_one()
    {
        var store = await OpenAsync();
        var registry = Registry(store);
        await registry.UpsertDeviceAsync(new Device("d-1"), default);
        await registry.UpsertDeviceAsync(new Device("d-2"), default);
        await registry.UpsertPatientAsync(new Patient("p-1"), default);
        await registry.UpsertPatientAsync(new Patient("p-2"), default);

        await registry.BindAsync("d-1", "p-1", T0, default);
        await registry.BindAsync("d-2", "p-2", T0.AddMinutes(1), default);
        await registry.BindAsync("d-1", "p-2", T0.AddHours(1), default);
        Assert.True(await registry.UnbindAsync("d-1", T0.AddHours(2), default));
        Assert.False(await registry.UnbindAsync("d-1", T0.AddHours(3), default));

        var bindings = await registry.ListBindingsAsync(default);
        Assert.Equal(
            [
                new DeviceBinding("d-1", "p-1", T0, T0.AddHours(1)),
                new DeviceBinding("d-2", "p-2", T0.AddMinutes(1)),
                new DeviceBinding("d-1", "p-2", T0.AddHours(1), T0.AddHours(2)),
            ],
            bindings);
        Assert.Equal("p-1", bindings.Single(b => b.DeviceId == "d-1" && b.Covers(T0.AddMinutes(59))).PatientId);

        Assert.True(await registry.DeleteDeviceAsync("d-1", default));
        Assert.Equal(["d-2"], (await registry.ListBindingsAsync(default)).Select(b => b.DeviceId));
    }

    [Fact]
    public async Task Checkpoints_start_at_zero_and_survive_a_restart()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await Checkpoints(store).GetCheckpointAsync("detection", default));
        await Checkpoints(store).SetCheckpointAsync("detection", 41, default);
        await Checkpoints(store).SetCheckpointAsync("detection", 42, default);
        await Checkpoints(store).SetCheckpointAsync("outbound", 7, default);

        store = await ReopenAsync(store);

        Assert.Equal(42, await Checkpoints(store).GetCheckpointAsync("detection", default));
        Assert.Equal(7, await Checkpoints(store).GetCheckpointAsync("outbound", default));
    }

    [Fact]
    public async Task Migrations_are_idempotent_and_keep_data_across_reopen()
    {
        var store = await OpenAsync();
        await store.MigrateAsync(default);
        await store.AppendAsync([HeartRate("d", "m-1", "p", T0)], [Rejected("d", "r", T0)], default);
        await Registry(store).UpsertPatientAsync(new Patient("p"), default);

        store = await ReopenAsync(store);
        await store.MigrateAsync(default);

        Assert.Equal(new StoreCounts(1, 1), await store.CountAsync(default));
        Assert.NotNull(await Registry(store).GetPatientAsync("p", default));
        var next = await store.AppendAsync([HeartRate("d", "m-2", "p", T0)], [], default);
        Assert.True(next.Sequences[0] > 1);
    }

    [Fact]
    public async Task Readers_see_a_growing_consistent_prefix_while_the_writer_commits()
    {
        var store = await OpenAsync();
        const int Batches = 40;
        const int PerBatch = 50;
        var writer = Task.Run(async () =>
        {
            for (var b = 0; b < Batches; b++)
            {
                var batch = Enumerable.Range(0, PerBatch).Select(i => HeartRate("dev-1", $"m-{b}-{i}", "pat-1", T0.AddSeconds((b * PerBatch) + i))).ToList();
                await store.AppendAsync(batch, [], default);
            }
        });

        var observations = 0;
        var lastSeen = 0;
        while (!writer.IsCompleted || observations == 0)
        {
            var readers = Enumerable.Range(0, 3).Select(_ => store.GetPatientReadingsAsync("pat-1", new ReadingQuery(), default)).ToList();
            var feed = await store.ReadFeedAsync(0, 100_000, default);
            foreach (var result in await Task.WhenAll(readers))
            {
                // Whole batches only, in device-time order, with no reading twice.
                Assert.Equal(0, result.Count % PerBatch);
                Assert.Equal(result.Select(r => r.Measurement.DeviceTime).Order(), result.Select(r => r.Measurement.DeviceTime));
                Assert.Equal(result.Count, result.Select(r => r.Sequence).Distinct().Count());
                lastSeen = Math.Max(lastSeen, result.Count);
            }

            Assert.Equal(0, feed.Count % PerBatch);
            Assert.Equal(Enumerable.Range(1, feed.Count).Select(i => (long)i), feed.Select(f => f.Sequence - feed[0].Sequence + 1));
            observations++;
        }

        await writer;
        Assert.Equal(Batches * PerBatch, (await store.GetPatientReadingsAsync("pat-1", new ReadingQuery(), default)).Count);
        Assert.Equal(Batches * PerBatch, (await store.CountAsync(default)).Readings);
    }
}
