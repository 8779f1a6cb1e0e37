using Iomt.Server.Detection;
using Iomt.TestSupport;

namespace Iomt.Server.Tests.Detection;

/// <summary>The detection runner inside the real server: readings in over HTTP, events out of the events API.</summary>
public sealed class DetectionRunnerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(T0.AddHours(12));

    public void Dispose() => _data.Dispose();

    private static object Glucose(string patient, int i, double mgDl) => new
    {
        id = $"g-{i}",
        deviceId = "cgm-1",
        patientId = patient,
        code = "99504-3",
        value = mgDl,
        unit = "mg/dL",
        time = T0.AddMinutes(5 * i),
    };

    [Fact]
    public async Task A_falling_cgm_raises_low_then_urgent_low_soon_before_urgent_low_and_stale_when_the_sensor_stops()
    {
        await using var server = await DetectionServer.StartAsync(_data.Path, _clock);
        double[] values = [150, 140, 128, 115, 103, 92, 82, 74, 67, 61, 56, 52, 50];
        await server.PostAsync([.. values.Select((v, i) => Glucose("p-cgm", i, v))]);

        var events = await server.WaitForEventsAsync("p-cgm", e => e.Any(x => x.Kind == "urgent_low"));
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.Equal(["low", "urgent_low_soon", "urgent_low"], kinds);
        Assert.Equal(T0.AddMinutes(5 * 8), events[0].Onset); // 67 mg/dL, the first reading below 70
        Assert.True(events[2].Raised - events[1].Raised >= TimeSpan.FromMinutes(10), $"urgent_low_soon only {events[2].Raised - events[1].Raised} ahead");

        // The sensor stopped (the clock is hours past its last reading): once nothing more has arrived for 20 minutes
        // either, the clock-driven check raises `stale`, stamped 20 minutes after the last reading, and only once.
        Assert.DoesNotContain("stale", kinds);
        _clock.Advance(TimeSpan.FromMinutes(19));
        await Task.Delay(300);
        Assert.DoesNotContain(await server.EventsAsync("p-cgm"), e => e.Kind == "stale");
        _clock.Advance(TimeSpan.FromMinutes(2));
        events = await server.WaitForEventsAsync("p-cgm", e => e.Any(x => x.Kind == "stale"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(300);
        events = await server.EventsAsync("p-cgm");
        var stale = Assert.Single(events, e => e.Kind == "stale");
        Assert.Equal(T0.AddMinutes((5 * 12) + 20), stale.Onset);
    }

    [Fact]
    public async Task A_cgm_that_stops_while_the_server_is_down_raises_stale_after_the_restart_and_only_once()
    {
        // The server's clock just after the sensor's last reading; a checkpoint (and the stream heads) after every batch.
        var clock = new FakeTimeProvider(T0.AddMinutes(56));
        string[] settings = ["--Detection:CheckpointInterval=00:00:00"];
        await using (var first = await DetectionServer.StartAsync(_data.Path, clock, settings))
        {
            await first.PostAsync([.. Enumerable.Range(0, 12).Select(i => Glucose("p-quiet", i, 120))]);
            await first.WaitForCheckpointAsync(12);
        }

        // Down for 7 hours, longer than a stream is kept idle: the sensor sent nothing more, so no reading will ever
        // load its stream again.
        clock.Advance(TimeSpan.FromHours(7));
        await using (var second = await DetectionServer.StartAsync(_data.Path, clock, settings))
        {
            var events = await TickUntilEventsAsync(second, clock, "p-quiet");
            var stale = Assert.Single(events);
            Assert.Equal("stale", stale.Kind);
            Assert.Equal(T0.AddMinutes(55 + 20), stale.Onset);
        }

        // Another restart resumes the stream again and finds the same gap: the stored event is not repeated.
        await using var third = await DetectionServer.StartAsync(_data.Path, clock, settings);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(200);
        }

        Assert.Single(await third.EventsAsync("p-quiet"));
    }

    [Fact]
    public async Task A_cgm_whose_clock_runs_30_minutes_behind_is_not_stale_while_it_keeps_sending()
    {
        // Each reading arrives as it is taken, but the sensor's clock is 30 minutes behind the server's, so every reading
        // is 30 minutes old by its own stamp when it arrives. Readings drift down through the low threshold.
        var start = T0.AddHours(12);
        var clock = new FakeTimeProvider(start);
        await using var server = await DetectionServer.StartAsync(_data.Path, clock, "--Detection:CheckpointInterval=00:00:00");
        for (var i = 0; i < 12; i++)
        {
            await server.PostAsync([new { id = $"g-{i}", deviceId = "cgm-1", patientId = "p-skew", code = "99504-3", value = 80.0 - i, unit = "mg/dL", time = start.AddMinutes((5 * i) - 30) }]);
            await server.WaitForCheckpointAsync(i + 1);
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(100);
        }

        var kinds = (await server.EventsAsync("p-skew")).Select(e => e.Kind).ToList();
        Assert.Equal(["low"], kinds);

        // When it does stop, stale follows once 20 minutes pass without a reading.
        clock.Advance(TimeSpan.FromMinutes(16));
        var events = await TickUntilEventsAsync(server, clock, "p-skew", e => e.Any(x => x.Kind == "stale"));
        Assert.Equal(["low", "stale"], events.Select(e => e.Kind));
    }

    // The consumers take the time at their start, which may follow the test's first tick: keep the clock moving.
    private static async Task<List<ApiEvent>> TickUntilEventsAsync(DetectionServer server, FakeTimeProvider clock, string patientId, Func<List<ApiEvent>, bool>? done = null)
    {
        done ??= e => e.Count > 0;
        var events = new List<ApiEvent>();
        for (var i = 0; i < 100 && !done(events); i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            events = await server.EventsAsync(patientId);
        }

        await Task.Delay(300);
        return await server.EventsAsync(patientId);
    }

    [Fact]
    public async Task Irregular_rr_intervals_open_an_af_episode_and_regular_ones_close_it_near_the_true_changes()
    {
        var (readings, afStart, afEnd) = DetectionApi.SinusAfSinus("p-af", T0, sinus: 300, af: 300, sinusAfter: 300);
        await using var server = await DetectionServer.StartAsync(_data.Path, _clock);
        await server.PostAsync(readings);

        var events = await server.WaitForEventsAsync("p-af", e => e.Count >= 2);
        Assert.Equal(["af_started", "af_ended"], events.Select(e => e.Kind));
        Assert.InRange((events[0].Onset - afStart).TotalSeconds, -15, 15);
        Assert.InRange((events[1].Onset - afEnd).TotalSeconds, -15, 15);
        // Raised in real time: 30 s of AF plus at most 30 s of look-ahead after the onset.
        Assert.InRange((events[0].Raised - events[0].Onset).TotalSeconds, 30, 61);
    }

    [Fact]
    public async Task An_episode_that_a_strap_off_gap_interrupts_ends_30_s_into_the_sinus_rhythm_after_the_gap()
    {
        // 300 sinus intervals, 400 AF, then the strap is off for 5 min and sinus rhythm follows for 300 intervals.
        var random = new Random(5);
        var readings = new List<object>();
        var t = T0;
        var resumed = default(DateTimeOffset);
        for (var i = 0; i < 1000; i++)
        {
            if (i == 700)
            {
                t += TimeSpan.FromMinutes(5);
                resumed = t;
            }

            var rr = i is >= 300 and < 700 ? 0.4 + (0.6 * random.NextDouble()) : 0.8 + (0.02 * Math.Sin(i / 5.0));
            t += TimeSpan.FromSeconds(rr);
            readings.Add(new { id = $"rr-{i}", deviceId = "strap-2", patientId = "p-strap", system = "urn:iso:std:iso:11073:10101", code = "147240", value = rr, unit = "s", time = t });
        }

        await using var server = await DetectionServer.StartAsync(_data.Path, _clock);
        await server.PostAsync(readings);

        var events = await server.WaitForEventsAsync("p-strap", e => e.Count >= 2);
        Assert.Equal(["af_started", "af_ended"], events.Select(e => e.Kind));
        // The 5 min without intervals count neither way: the end's onset is the first sinus interval after the gap
        // (or within the detector's look-ahead of it), and it is raised once 30 s of sinus labels have added up.
        Assert.InRange((events[1].Onset - resumed).TotalSeconds, 0, 15);
        Assert.InRange((events[1].Raised - events[1].Onset).TotalSeconds, 30, 61);
    }

    [Fact]
    public async Task An_episode_that_begins_just_before_a_strap_stops_for_good_is_raised_once_the_stream_is_quiet()
    {
        // 300 sinus intervals, then 50 of AF (about 35 s) and nothing more. The last 16 labels wait for look-ahead that
        // never comes, and without them the AF adds up to less than an episode's 30 s.
        var (readings, afStart, lastInterval) = DetectionApi.SinusAfSinus("p-last", T0, sinus: 300, af: 50, sinusAfter: 0);
        await using var server = await DetectionServer.StartAsync(_data.Path, _clock);
        await server.PostAsync(readings);
        Assert.Equal(readings.Count, await server.WaitForCounterAsync("iomt_detection_readings_total", readings.Count));
        _clock.Advance(RrStreamDetector.QuietAfter - TimeSpan.FromSeconds(1));
        await Task.Delay(500);
        Assert.Empty(await server.EventsAsync("p-last"));

        _clock.Advance(TimeSpan.FromSeconds(2));
        var events = await server.WaitForEventsAsync("p-last", e => e.Count >= 1);
        var started = Assert.Single(events);
        Assert.Equal("af_started", started.Kind);
        Assert.InRange((started.Onset - afStart).TotalSeconds, -15, 15);
        Assert.Equal(lastInterval, started.Raised, TimeSpan.FromMilliseconds(1)); // at the last interval, as at the end of a file (the store keeps µs)
    }

    [Fact]
    public async Task Labels_left_pending_by_a_restart_are_decided_when_the_resumed_stream_stays_quiet_and_only_once()
    {
        var (readings, afStart, _) = DetectionApi.SinusAfSinus("p-last-restart", T0, sinus: 300, af: 50, sinusAfter: 0);
        // The server's clock just after the strap's last interval (stream heads older than the idle eviction time are not
        // kept); a checkpoint, with the stream heads, after every batch.
        var clock = new FakeTimeProvider(T0.AddMinutes(5));
        string[] settings = ["--Detection:CheckpointInterval=00:00:00"];
        await using (var first = await DetectionServer.StartAsync(_data.Path, clock, settings))
        {
            await first.PostAsync(readings);
            await first.WaitForCheckpointAsync(readings.Count);
            Assert.Empty(await first.EventsAsync("p-last-restart"));
        }

        // The strap sends nothing more: the resumed stream is quiet from the new start on.
        await using (var second = await DetectionServer.StartAsync(_data.Path, clock, settings))
        {
            await Task.Delay(300);
            clock.Advance(RrStreamDetector.QuietAfter);
            var events = await TickUntilEventsAsync(second, clock, "p-last-restart");
            var started = Assert.Single(events);
            Assert.Equal("af_started", started.Kind);
            Assert.InRange((started.Onset - afStart).TotalSeconds, -15, 15);
        }

        await using var third = await DetectionServer.StartAsync(_data.Path, clock, settings);
        await Task.Delay(300);
        clock.Advance(RrStreamDetector.QuietAfter);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(200);
        }

        Assert.Single(await third.EventsAsync("p-last-restart"));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_an_episode_neither_repeats_nor_loses_an_event()
    {
        var (readings, _, _) = DetectionApi.SinusAfSinus("p-restart", T0, sinus: 300, af: 400, sinusAfter: 300);
        await using (var first = await DetectionServer.StartAsync(_data.Path, _clock))
        {
            await first.PostAsync(readings[..500]);
            var opened = await first.WaitForEventsAsync("p-restart", e => e.Count >= 1);
            Assert.Equal(["af_started"], opened.Select(e => e.Kind));
        }

        await using var second = await DetectionServer.StartAsync(_data.Path, _clock);
        // The restarted stream warms up from the stored intervals and knows the episode is open: no second start.
        await second.PostAsync(readings[400..]);
        var events = await second.WaitForEventsAsync("p-restart", e => e.Count >= 2);
        Assert.Equal(["af_started", "af_ended"], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_partition_that_overflows_catches_up_from_the_store_with_the_same_events()
    {
        var (readings, afStart, afEnd) = DetectionApi.SinusAfSinus("p-overflow", T0, sinus: 300, af: 300, sinusAfter: 300);
        await using var server = await DetectionServer.StartAsync(_data.Path, _clock, "--Feed:Partitions=1", "--Feed:PartitionCapacity=4");
        await server.PostAsync(readings, batch: 900);

        var events = await server.WaitForEventsAsync("p-overflow", e => e.Count >= 2);
        Assert.Equal(["af_started", "af_ended"], events.Select(e => e.Kind));
        Assert.InRange((events[0].Onset - afStart).TotalSeconds, -15, 15);
        Assert.InRange((events[1].Onset - afEnd).TotalSeconds, -15, 15);
        // af_ended is raised within the last sinus stretch, before its final readings are processed: wait for them.
        Assert.Equal(readings.Count, await server.WaitForCounterAsync("iomt_detection_readings_total", readings.Count));
    }

    [Theory]
    [InlineData("/api/v1/patients/p/events?from=yesterday", "from")]
    [InlineData("/api/v1/patients/p/events?limit=0", "limit")]
    [InlineData("/api/v1/patients/p/waveforms?to=2026-13-01", "to")]
    [InlineData("/api/v1/patients/p/waveforms?limit=1001", "limit")]
    [InlineData("/api/v1/patients/p/waveforms?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", "from")]
    public async Task Bad_query_parameters_are_a_400_naming_the_parameter(string path, string field)
    {
        await using var server = await DetectionServer.StartAsync(_data.Path, _clock);

        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }
}
