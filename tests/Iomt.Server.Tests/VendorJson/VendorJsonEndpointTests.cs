using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iomt.Server.Ingestion;
using Iomt.Server.Tests.Fhir;
using Iomt.Server.Transports.VendorJson;
using Iomt.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iomt.Server.Tests.VendorJson;

public class VendorJsonEndpointTests
{
    [Fact]
    public async Task Documented_mapping_turns_vendor_json_into_readings_and_names_bad_fields()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var ingestor = RecordingIngestor.WithCatalogue();
        builder.Services.AddSingleton<IReadingIngestor>(ingestor);
        builder.Services.AddVendorJsonMappings();
        builder.Services.Configure<VendorJsonOptions>(o => o.MappingsFolder = Path.Combine(RepoPaths.Root, "docs", "protocols", "vendor-json"));
        await using var app = builder.Build();
        app.MapVendorJsonEndpoints();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        async Task<(HttpStatusCode, JsonElement)> Post(string path, string json)
        {
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var (status, body) = await Post("/api/v1/vendor/acme-vitals", """{"kind":"bp","seq":"7","device":{"serial":"AC-1"},"measuredAt":"2026-03-14T09:15:00Z","data":{"sys":120,"dia":80}}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal("85354-9", Assert.Single(ingestor.Stored).Measurement!.Code.Code);

        (status, body) = await Post("/api/v1/vendor/acme-vitals", """{"kind":"pulse","seq":"8","patient":"p","device":{"serial":"AC-1"},"measuredAt":"2026-03-14T09:15:00Z","data":{}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("templates[0].value", out _), body.ToString());

        (status, _) = await Post("/api/v1/vendor/nobody", "{}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _) = await Post("/api/v1/vendor/acme-vitals", "{\"kind\":");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, ingestor.DeadLetters.Count);
        (status, _) = await Post("/api/v1/vendor/acme-vitals", new string(' ', VendorJsonEndpoints.MaxBodyBytes + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(3, ingestor.DeadLetters.Count);
        Assert.All(ingestor.Received, r => Assert.Equal("vendor-json", r.Source));
        await app.StopAsync();
    }
}
