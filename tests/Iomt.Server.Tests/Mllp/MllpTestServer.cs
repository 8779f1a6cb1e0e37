using System.Net.Sockets;
using Iomt.Server.Ingestion;
using Iomt.Server.Transports.Mllp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iomt.Server.Tests.Mllp;

/// <summary>A WebApplication hosting only the MLLP listener on a free loopback port, with a recording ingestor.</summary>
public sealed class MllpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MllpTestServer(WebApplication app, RecordingIngestor ingestor, int port)
    {
        _app = app;
        Ingestor = ingestor;
        Port = port;
    }

    /// <summary>The ingestor behind the listener.</summary>
    public RecordingIngestor Ingestor { get; }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>Starts a server; <paramref name="configure"/> may change the options.</summary>
    public static async Task<MllpTestServer> StartAsync(Action<MllpOptions>? configure = null)
    {
        var options = new MllpOptions { Host = "127.0.0.1", Port = 0, FacilityName = "HOSPITAL_A" };
        configure?.Invoke(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var ingestor = new RecordingIngestor("hl7");
        builder.Services.AddSingleton<IReadingIngestor>(ingestor);
        builder.AddMllpListener(options);
        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new MllpTestServer(app, ingestor, new Uri(address).Port);
    }

    /// <summary>A connected client.</summary>
    public async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", Port);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
