using Iomt.Server.Detection;
using Iomt.Server.Feed;
using Iomt.Server.Hosting;
using Iomt.Storage;
using Iomt.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Iomt.Server.Tests.Detection;

/// <summary>
/// The whole server (<see cref="IomtServer"/>) on SQLite in a given folder on a loopback port, with a fake clock;
/// stopping and starting it again on the same folder is a restart.
/// </summary>
internal sealed class DetectionServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DetectionServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static Task<DetectionServer> StartAsync(string dataDirectory, FakeTimeProvider clock, params string[] settings) =>
        StartAsync(dataDirectory, clock, _ => { }, settings);

    /// <summary>Starts the server with <paramref name="configure"/> run on its services after the stores were added.</summary>
    public static async Task<DetectionServer> StartAsync(string dataDirectory, FakeTimeProvider clock, Action<IServiceCollection> configure, params string[] settings)
    {
        var options = new IomtServerOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0", MllpPort = 0 };
        string[] args = ["--Detection:ClockInterval=00:00:00.100", .. settings];
        var app = IomtServer.Build(options, args, services =>
        {
            StoreFactory.AddStores(services, options);
            services.AddSingleton<TimeProvider>(clock);
            configure(services);
        });
        await IomtServer.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DetectionServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Posts reading objects; every one must be accepted.</summary>
    public Task PostAsync(IReadOnlyList<object> readings, int batch = 500) => DetectionApi.PostReadingsAsync(Client, readings, batch);

    /// <summary>Posts FHIR Observations one by one; each must succeed and report <paramref name="stored"/> (e.g. "stored 1 waveform chunk").</summary>
    public async Task PostFhirAsync(IEnumerable<byte[]> observations, string stored)
    {
        foreach (var body in observations)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json");
            using var response = await Client.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            Assert.Contains(stored, text, StringComparison.Ordinal);
        }
    }

    /// <summary>The patient's events.</summary>
    public Task<List<ApiEvent>> EventsAsync(string patientId) => DetectionApi.EventsAsync(Client, patientId);

    /// <summary>The patient's events once <paramref name="done"/> holds (or 20 s passed) and a short settling time.</summary>
    public Task<List<ApiEvent>> WaitForEventsAsync(string patientId, Func<List<ApiEvent>, bool> done) => DetectionApi.WaitForEventsAsync(Client, patientId, done);

    /// <summary>
    /// Runs <paramref name="clock"/> a second at a time until the patient has an event, or 30 s past
    /// <paramref name="quietAt"/>; fails if one is raised before <paramref name="quietAt"/> has passed (before the
    /// stream could be found quiet). Returns the events.
    /// </summary>
    public async Task<List<ApiEvent>> TickUntilRaisedWhenQuietAsync(FakeTimeProvider clock, string patientId, TimeSpan quietAt)
    {
        var waited = TimeSpan.Zero;
        var events = new List<ApiEvent>();
        while (events.Count == 0 && waited < quietAt + TimeSpan.FromSeconds(30))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await Task.Delay(100);
            events = await EventsAsync(patientId);
            Assert.True(events.Count == 0 || waited > quietAt, $"raised after {waited.TotalSeconds} s, before the stream was quiet");
        }

        return events;
    }

    /// <summary>The value of a counter in <c>/metrics</c>.</summary>
    public async Task<long> CounterAsync(string name)
    {
        var text = await Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The counter's value once it reached <paramref name="atLeast"/>, or after 10 s.</summary>
    public async Task<long> WaitForCounterAsync(string name, long atLeast)
    {
        var value = 0L;
        for (var i = 0; i < 200 && (value = await CounterAsync(name)) < atLeast; i++)
        {
            await Task.Delay(50);
        }

        return value;
    }

    /// <summary>Waits (up to 10 s) until some detection consumer's stored checkpoint reached <paramref name="sequence"/>.</summary>
    public async Task WaitForCheckpointAsync(long sequence)
    {
        var checkpoints = _app.Services.GetRequiredService<ICheckpointStore>();
        var partitions = _app.Services.GetRequiredService<CommittedFeed>().PartitionCount;
        for (var i = 0; i < 200; i++)
        {
            for (var p = 0; p < partitions; p++)
            {
                if (await checkpoints.GetCheckpointAsync(DetectionRunner.ConsumerName(p), CancellationToken.None) >= sequence)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no detection checkpoint reached {sequence}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
