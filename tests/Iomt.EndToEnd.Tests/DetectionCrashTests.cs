using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests;

/// <summary>
/// Detection in the real server process: an AF episode opened before a SIGKILL is neither announced again nor lost
/// after the restart (events and checkpoint are committed together; the restarted stream warms up from the store).
/// </summary>
public sealed class DetectionCrashTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_af_episode_spanning_a_sigkill_is_announced_once_and_closed_with_sqlite()
    {
        using var data = new TempDirectory();
        await RunAsync(() => ServerProcess.StartAsync(data.Path));
    }

    [Fact]
    public async Task An_af_episode_spanning_a_sigkill_is_announced_once_and_closed_with_postgresql()
    {
        using var data = new TempDirectory();
        await using var db = await PostgresDatabase.CreateAsync();
        await RunAsync(() => ServerProcess.StartAsync(data.Path, db.ConnectionString));
    }

    private static async Task RunAsync(Func<Task<ServerProcess>> start)
    {
        var (readings, afStart, afEnd) = DetectionApi.SinusAfSinus("p-crash", T0, sinus: 300, af: 400, sinusAfter: 300);
        var server = await start();
        try
        {
            using var http = server.CreateClient();
            await DetectionApi.PostReadingsAsync(http, readings[..500]);
            var opened = await DetectionApi.WaitForEventsAsync(http, "p-crash", e => e.Count >= 1);
            Assert.Equal(["af_started"], opened.Select(e => e.Kind));
            await server.KillAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var restarted = await start();
        using var again = restarted.CreateClient();
        // Resend the last 100 (as a client without acknowledgements would), then the rest of the recording.
        await DetectionApi.PostReadingsAsync(again, readings[400..]);
        var events = await DetectionApi.WaitForEventsAsync(again, "p-crash", e => e.Count >= 2);

        Assert.Equal(["af_started", "af_ended"], events.Select(e => e.Kind));
        Assert.InRange((events[0].Onset - afStart).TotalSeconds, -15, 15);
        Assert.InRange((events[1].Onset - afEnd).TotalSeconds, -15, 15);
    }
}
