using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Iomt.Core.Waveforms;
using Iomt.Server.Ingestion;
using Iomt.Server.Transports.Fhir;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iomt.Server.Tests.Fhir;

/// <summary>A real Kestrel host on a loopback port with the FHIR endpoints and an in-test ingestor.</summary>
internal sealed class FhirTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FhirTestServer(WebApplication app, HttpClient client, RecordingIngestor ingestor, WaveformRecorder? waveforms)
    {
        _app = app;
        Client = client;
        Ingestor = ingestor;
        Waveforms = waveforms;
    }

    public HttpClient Client { get; }

    public RecordingIngestor Ingestor { get; }

    public WaveformRecorder? Waveforms { get; }

    public static async Task<FhirTestServer> StartAsync(bool withWaveformSink = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var ingestor = RecordingIngestor.WithCatalogue();
        builder.Services.AddSingleton<IReadingIngestor>(ingestor);
        WaveformRecorder? waveforms = null;
        if (withWaveformSink)
        {
            waveforms = new WaveformRecorder();
            builder.Services.AddSingleton<IWaveformSink>(waveforms);
        }

        var app = builder.Build();
        app.MapFhirEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FhirTestServer(app, new HttpClient { BaseAddress = new Uri(address) }, ingestor, waveforms);
    }

    public async Task<(int Status, JsonElement Body, string? ContentType)> PostAsync(string path, byte[] body, string contentType = "application/fhir+json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var doc = JsonDocument.Parse(bytes);
        return ((int)response.StatusCode, doc.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class WaveformRecorder : IWaveformSink
    {
        public ConcurrentQueue<WaveformChunk> Chunks { get; } = new();

        public Task StoreAsync(string source, IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
        {
            foreach (var c in chunks)
            {
                Chunks.Enqueue(c);
            }

            return Task.CompletedTask;
        }
    }
}
