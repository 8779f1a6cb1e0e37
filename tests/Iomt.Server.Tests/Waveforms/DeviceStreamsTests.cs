using Iomt.Core.Waveforms;
using Iomt.Server.Waveforms;

namespace Iomt.Server.Tests.Waveforms;

public sealed class DeviceStreamsTests
{
    private static readonly WaveformChunk Axis = new()
    {
        DeviceId = "belt-1",
        Code = WaveformCodes.Acceleration,
        Start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        SampleRateHz = 50,
        Unit = "[g]",
        Samples = [0],
    };

    [Fact]
    public void The_holes_in_stored_spans_are_where_the_time_covered_breaks_off_beyond_the_continuation_rule()
    {
        var t0 = Axis.Start;
        Storage.WaveformSpan At(double start, double rate, int samples) => new(t0.AddSeconds(start), rate, samples);
        var holes = ChunkStream.Holes(
        [
            At(0, 50, 500), // 0–10 s
            At(10.03125, 50, 500), // within the 0.05-s rule: continues
            At(15, 50, 250), // a resend with other boundaries, inside what is covered: no hole
            At(20.25, 50, 500), // a hole from 20.03125
            At(30.25, 10, 100), // the rate changes without a break: no hole
            At(45, 10, 100), // a hole from 40.25 (the 10-Hz span's end)
        ]);

        Assert.Equal([(t0.AddSeconds(20.03125), t0.AddSeconds(20.25)), (t0.AddSeconds(40.25), t0.AddSeconds(45))], holes);
        Assert.Empty(ChunkStream.Holes([]));
        Assert.Empty(ChunkStream.Holes([At(0, 50, 1)]));
    }

    [Fact]
    public async Task Devices_silent_for_an_hour_are_forgotten_but_not_one_in_use()
    {
        var streams = new DeviceStreams<MotionStream>();
        await streams.RunAsync("idle", slot =>
        {
            slot.Stream = new MotionStream(Axis);
            return Task.CompletedTask;
        }, default);
        var inUse = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var busy = streams.RunAsync("busy", async _ =>
        {
            inUse.SetResult();
            await release.Task;
        }, default);
        await inUse.Task;

        streams.SweepIdle(Environment.TickCount64 + (long)TimeSpan.FromHours(2).TotalMilliseconds);

        Assert.Equal(1, streams.Count); // "busy" holds its gate, "idle" is gone
        release.SetResult();
        await busy;
        await streams.RunAsync("idle", slot =>
        {
            Assert.Null(slot.Stream); // a new slot: the next chunk warms a stream up from the store
            return Task.CompletedTask;
        }, default);
        Assert.Equal(2, streams.Count);
    }

    [Fact]
    public async Task A_failure_drops_the_devices_stream()
    {
        var streams = new DeviceStreams<MotionStream>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => streams.RunAsync("belt-1", slot =>
        {
            slot.Stream = new MotionStream(Axis);
            throw new InvalidOperationException("commit failed");
        }, default));

        await streams.RunAsync("belt-1", slot =>
        {
            Assert.Null(slot.Stream);
            return Task.CompletedTask;
        }, default);
    }
}
