using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iomt.Server.Ingestion;
using Iomt.Server.Transports.Gatt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iomt.Server.Tests.Transports.Gatt;

public sealed class GattEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly RecordingIngestor _ingestor = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IReadingIngestor>(_ingestor);
        _app = builder.Build();
        _app.MapGattEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Accepts_a_heart_rate_notification_and_hands_its_measurements_to_ingestion()
    {
        // flags 0x1E: contact detected, energy 0x3440 kJ, one RR interval 0x0340 = 832/1024 s.
        var response = await Post("hr-1", """{"characteristic":"2A37","value":"1E4840344003","time":"2026-11-22T08:00:00Z"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, body.GetProperty("rejected").GetArrayLength());
        Assert.All(_ingestor.Received, r => Assert.Equal("gatt", r.Source));
        var values = _ingestor.Received.Select(r => (r.Item.Measurement!.Code.Code, r.Item.Measurement.Value, r.Item.Measurement.DeviceId)).ToList();
        Assert.Equal([("8867-4", 72d, "hr-1"), ("147240", 832 / 1024d, "hr-1")], values);
    }

    [Fact]
    public async Task A_resent_notification_is_counted_as_duplicates()
    {
        // 120/80/93 mmHg; the same notification posted twice.
        const string json = """[{"characteristic":"2A35","value":"00780050005D00","time":"2026-11-22T08:00:00+01:00"}]""";
        var first = await (await Post("cuff", json)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await Post("cuff", json)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.Equal(3, second.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Dead_letters_an_invalid_value_and_reports_its_index_and_reason()
    {
        var response = await Post("hr-2", """[{"characteristic":"2A37","value":"0048"},{"characteristic":"2A37","value":"1048"}]""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.StartsWith("truncated", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var dead = Assert.Single(_ingestor.DeadLetters);
        Assert.Equal("rrIntervals", dead.DecodeError!.Field);
        Assert.Contains("1048", dead.RawPayload, StringComparison.Ordinal);
        Assert.Equal("hr-2", dead.DeviceId);
    }

    [Fact]
    public async Task Lenient_mode_accepts_a_reserved_flag()
    {
        var strict = await (await Post("hr-3", """{"characteristic":"2A37","value":"2648"}""")).Content.ReadFromJsonAsync<JsonElement>();
        var lenient = await (await Post("hr-3", """{"characteristic":"2A37","value":"2648"}""", "?mode=lenient")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("reserved-flag", strict.GetProperty("rejected")[0].GetProperty("reason").GetString()!.Split(':')[0]);
        Assert.Equal(1, lenient.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("""{"characteristic":"2A37"}""", "value")]
    [InlineData("""[{"characteristic":"2A37","value":"0048"},{"characteristic":"2A37","value":"XYZ"}]""", "[1].value")]
    [InlineData("""{"characteristic":"2A37","value":"0048","time":"yesterday"}""", "time")]
    [InlineData("""not json""", "body")]
    public async Task Answers_a_malformed_body_with_a_problem_naming_the_field(string json, string field)
    {
        var response = await Post("dev", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var dead = Assert.Single(_ingestor.DeadLetters);
        Assert.Equal(field, dead.DecodeError!.Field);
        Assert.Equal(json, dead.RawPayload);
        Assert.Equal("dev", dead.DeviceId);
        Assert.Empty(_ingestor.Stored);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_kept_as_a_dead_letter()
    {
        var response = await Post("dev", new string(' ', GattEndpoints.MaxBodyBytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var dead = Assert.Single(_ingestor.DeadLetters);
        Assert.Contains("exceeds", dead.DecodeError!.Reason, StringComparison.Ordinal);
        Assert.Equal("gatt", Assert.Single(_ingestor.Received).Source);
    }

    [Fact]
    public async Task Rejects_an_unknown_mode()
    {
        var response = await Post("dev", """{"characteristic":"2A37","value":"0048"}""", "?mode=sloppy");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> Post(string device, string json, string query = "") =>
        _client.PostAsync(new Uri($"/api/v1/devices/{device}/gatt{query}", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
