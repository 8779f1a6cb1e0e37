using Iomt.Core.Measurements;
using static Iomt.Storage.Tests.Contract.Readings;

namespace Iomt.Storage.Tests.Contract;

/// <summary>Detection events part of the contract.</summary>
public abstract partial class StoreContractTests
{
    /// <summary>The store as an event store.</summary>
    protected static IDetectionEventStore Events(IMeasurementStore store) => (IDetectionEventStore)store;

    private static DetectionCheckpoint Checkpoint(string consumer, long sequence, params DetectionStreamHead[] streams) =>
        new(consumer, sequence, streams, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Detection_events_are_stored_with_the_checkpoint_once_and_come_back_in_raised_order()
    {
        var store = await OpenAsync();
        var low = new DetectionEvent("p-1", "cgm-1", "urgent_low_soon", T0.AddMinutes(5), T0.AddMinutes(5), 12);
        var af = new DetectionEvent("p-1", "strap-1", "af_started", T0, T0.AddMinutes(1), 40);
        var other = new DetectionEvent("p-2", "cgm-2", "low", T0, T0, 3);

        Assert.Equal(3, await Events(store).AppendDetectionEventsAsync([low, af, other], Checkpoint("detection-0", 40), default));
        // A replay raises the same events again (and one inside the batch twice): nothing new is stored.
        Assert.Equal(0, await Events(store).AppendDetectionEventsAsync([af, low with { SourceSequence = 99 }, af], Checkpoint("detection-0", 41), default));
        store = await ReopenAsync(store);

        Assert.Equal(41, await Checkpoints(store).GetCheckpointAsync("detection-0", default));
        var stored = await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(), default);
        Assert.Equal([af, low], stored);
        Assert.Equal([low], await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(From: T0.AddMinutes(2)), default));
        Assert.Equal([af], await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(To: T0.AddMinutes(2)), default));
        Assert.Equal([af], await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(DeviceId: "strap-1"), default));
        Assert.Equal([af], await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(Limit: 1), default));
        Assert.Empty(await Events(store).GetPatientEventsAsync("p-3", new DetectionEventQuery(), default));
    }

    [Fact]
    public async Task An_empty_event_batch_still_moves_the_checkpoint()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await Events(store).AppendDetectionEventsAsync([], Checkpoint("detection-3", 17), default));
        Assert.Equal(17, await Checkpoints(store).GetCheckpointAsync("detection-3", default));
    }

    [Fact]
    public async Task Events_without_a_consumer_are_stored_and_move_no_checkpoint()
    {
        var store = await OpenAsync();
        var af = new DetectionEvent("p-1", "holter-1", "af_started", T0, T0.AddSeconds(40), 0);

        Assert.Equal(1, await Events(store).AppendDetectionEventsAsync([af], null, default));
        Assert.Equal(0, await Events(store).AppendDetectionEventsAsync([af], null, default));

        Assert.Equal([af], await Events(store).GetPatientEventsAsync("p-1", new DetectionEventQuery(), default));
        Assert.Equal(0, await Checkpoints(store).GetCheckpointAsync("", default));
    }

    [Fact]
    public async Task Stream_heads_are_saved_with_the_checkpoint_only_move_forward_and_are_forgotten_when_old()
    {
        var store = await OpenAsync();
        var cgm = ObservationCode.Loinc("99504-3");
        var rr = ObservationCode.Mdc("147240");
        var a = new DetectionStreamHead("p-1", "cgm-1", cgm, T0.AddMinutes(10));
        var b = new DetectionStreamHead("p-1", "strap-1", rr, T0.AddMinutes(20));
        var c = new DetectionStreamHead("p-2", "cgm-2", cgm, T0.AddMinutes(30));

        // The same stream twice in one checkpoint: the later head wins.
        await Events(store).AppendDetectionEventsAsync([], Checkpoint("detection-0", 5, a with { LastTime = T0 }, a, b), default);
        await Events(store).AppendDetectionEventsAsync([], Checkpoint("detection-1", 6, c), default);
        // An older head of a stream does not move it back; another consumer's heads are its own.
        await Events(store).AppendDetectionEventsAsync([], Checkpoint("detection-0", 7, a with { LastTime = T0.AddMinutes(1) }), default);
        store = await ReopenAsync(store);

        Assert.Equal([a, b], await Events(store).GetDetectionStreamsAsync("detection-0", T0, default));
        Assert.Equal([b], await Events(store).GetDetectionStreamsAsync("detection-0", T0.AddMinutes(15), default));
        Assert.Equal([c], await Events(store).GetDetectionStreamsAsync("detection-1", T0, default));
        Assert.Empty(await Events(store).GetDetectionStreamsAsync("detection-2", T0, default));

        // A checkpoint forgets the heads before its ForgetBefore, in its own consumer only.
        var moved = b with { LastTime = T0.AddMinutes(40) };
        await Events(store).AppendDetectionEventsAsync([], new DetectionCheckpoint("detection-0", 8, [moved], T0.AddMinutes(15)), default);
        Assert.Equal([moved], await Events(store).GetDetectionStreamsAsync("detection-0", DateTimeOffset.UnixEpoch, default));
        Assert.Equal([c], await Events(store).GetDetectionStreamsAsync("detection-1", DateTimeOffset.UnixEpoch, default));
        Assert.Equal(8, await Checkpoints(store).GetCheckpointAsync("detection-0", default));
    }
}
