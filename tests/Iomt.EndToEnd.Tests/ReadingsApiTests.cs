using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Iomt.EndToEnd.Tests;

/// <summary>The HTTP readings API against the real server process on SQLite.</summary>
public sealed class ReadingsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = fixture.Server.CreateClient();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
    {
        using var response = await _http.PostAsync(new Uri("/api/v1/readings", UriKind.Relative), Json(json));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> GetAsync(string path) => (await _http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative)))!;

    [Fact]
    public async Task Posted_batch_is_accepted_and_comes_back_in_time_order()
    {
        var (status, body) = await PostAsync("""
            [
              {"id":"a-2","deviceId":"cuff-1","patientId":"pat-a","code":"8867-4","value":74,"unit":"/min","time":"2026-11-22T10:01:00Z"},
              {"id":"a-1","deviceId":"cuff-1","patientId":"pat-a","code":"8867-4","value":72,"unit":"/min","time":"2026-11-22T10:00:00Z"},
              {"id":"a-3","deviceId":"cuff-1","patientId":"pat-a","code":"85354-9","components":[
                 {"code":"8480-6","value":120,"unit":"mm[Hg]"},{"code":"8462-4","value":80,"unit":"mmHg"}],"time":"2026-11-22T10:02:00+01:00"}
            ]
            """);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());

        var readings = (await GetAsync("/api/v1/patients/pat-a/readings")).GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal(["a-3", "a-1", "a-2"], readings.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(72, readings[1].GetProperty("value").GetDouble());
        Assert.Equal("cuff-1", readings[1].GetProperty("deviceId").GetString());
        var components = readings[0].GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(80, components[1].GetProperty("value").GetDouble());
        Assert.Equal("mm[Hg]", components[1].GetProperty("unit").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T09:02:00Z", System.Globalization.CultureInfo.InvariantCulture), readings[0].GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task Resent_readings_are_acknowledged_as_duplicates_and_stored_once()
    {
        const string batch = """[{"id":"d-1","deviceId":"ox-1","patientId":"pat-d","code":"59408-5","value":97,"unit":"%","time":"2026-11-22T10:00:00Z"}]""";
        Assert.Equal(1, (await PostAsync(batch)).Body.GetProperty("accepted").GetInt32());
        var (status, body) = await PostAsync(batch);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, (await GetAsync("/api/v1/patients/pat-d/readings")).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("[{\"id\":\"x\",\"deviceId\":\"d\",\"code\":\"8867-4\",\"value\":72", 400, "$")]
    [InlineData("""[{"id":"b-1","deviceId":"bad-1","code":"8867-4","value":"seventy","unit":"/min","time":"2026-11-22T10:00:00Z"}]""", 422, "$[0].value")]
    [InlineData("""[{"id":"b-2","deviceId":"bad-1","code":"9999-9","value":72,"unit":"/min","time":"2026-11-22T10:00:00Z"}]""", 422, "$[0].code")]
    [InlineData("""[{"id":"b-3","deviceId":"bad-1","code":"8867-4","value":900,"unit":"/min","time":"2026-11-22T10:00:00Z"}]""", 422, "$[0].value")]
    [InlineData("""[{"id":"b-4","deviceId":"bad-1","code":"8867-4","value":72,"unit":"/min"}]""", 422, "$[0].time")]
    [InlineData("""[{"id":"b-5","deviceId":"bad-1","code":"8867-4","value":72,"unit":"/min","time":"yesterday"}]""", 422, "$[0].time")]
    [InlineData("""{"readings":"no"}""", 422, "$.id")]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_lands_in_dead_letters(string json, int expectedStatus, string field)
    {
        var before = (await GetAsync("/api/v1/dead-letters?limit=100000")).GetArrayLength();
        var (status, body) = await PostAsync(json);
        Assert.Equal(expectedStatus, (int)status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {body}");
        Assert.Equal(expectedStatus, body.GetProperty("status").GetInt32());
        var after = (await GetAsync("/api/v1/dead-letters?limit=100000")).GetArrayLength();
        Assert.Equal(before + 1, after);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Partly_bad_batch_stores_the_good_and_lists_the_rejected()
    {
        var (status, body) = await PostAsync("""
            [{"id":"p-1","deviceId":"mix-1","patientId":"pat-m","code":"8867-4","value":60,"unit":"/min","time":"2026-11-22T10:00:00Z"},
             {"id":"p-2","deviceId":"mix-1","patientId":"pat-m","code":"8867-4","value":900,"unit":"/min","time":"2026-11-22T10:00:01Z"}]
            """);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal("$[1].value", rejected.GetProperty("field").GetString());
        var letters = await GetAsync("/api/v1/dead-letters?deviceId=mix-1");
        Assert.Contains(letters.EnumerateArray(), d => d.GetProperty("messageId").GetString() == "p-2" && d.GetProperty("reason").GetString()!.Contains("implausible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413_and_the_server_stays_up()
    {
        var huge = "[" + string.Join(",", Enumerable.Repeat("""{"id":"o","deviceId":"big","code":"8867-4","value":72,"unit":"/min","time":"2026-11-22T10:00:00Z"}""", 60_000)) + "]";
        var (status, body) = await PostAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("$", out _));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Reading_from_a_bound_device_gets_its_patient_and_an_unbound_one_is_flagged()
    {
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(new Uri("/api/v1/patients", UriKind.Relative), new { id = "pat-b" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(new Uri("/api/v1/devices", UriKind.Relative), new { id = "scale-1", kind = "scale" })).StatusCode);
        var bind = await _http.PutAsJsonAsync(new Uri("/api/v1/devices/scale-1/binding", UriKind.Relative), new { patientId = "pat-b", from = "2026-11-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.OK, bind.StatusCode);

        var (status, _) = await PostAsync("""
            [{"id":"w-1","deviceId":"scale-1","code":"29463-7","value":176,"unit":"[lb_av]","time":"2026-11-22T07:00:00Z"},
             {"id":"w-0","deviceId":"scale-1","code":"29463-7","value":80,"unit":"kg","time":"2026-10-22T07:00:00Z"}]
            """);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var readings = (await GetAsync("/api/v1/patients/pat-b/readings")).GetProperty("readings").EnumerateArray().ToList();
        var weight = Assert.Single(readings);
        Assert.Equal(176 * 0.45359237, weight.GetProperty("value").GetDouble(), 6);
        Assert.Equal("kg", weight.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Max_points_downsamples_a_long_series()
    {
        var batch = "[" + string.Join(",", Enumerable.Range(0, 1000).Select(i =>
            $$"""{"id":"s-{{i}}","deviceId":"mon-s","patientId":"pat-s","code":"8867-4","value":{{60 + (i % 40)}},"unit":"/min","time":"{{new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ}}"}""")) + "]";
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(batch)).Status);
        var body = await GetAsync("/api/v1/patients/pat-s/readings?code=8867-4&maxPoints=50");
        Assert.Equal(50, body.GetProperty("count").GetInt32());
        Assert.True(body.GetProperty("downsampled").GetBoolean());
        var window = await GetAsync("/api/v1/patients/pat-s/readings?from=2026-11-22T00:00:10Z&to=2026-11-22T00:00:19Z");
        Assert.Equal(10, window.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Openapi_document_and_metrics_are_served()
    {
        var openapi = await GetAsync("/openapi/v1.json");
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/readings", out _));
        var metrics = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("iomt_readings_accepted_total", metrics, StringComparison.Ordinal);
        Assert.Contains("iomt_commit_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("iomt_queue_depth{queue=\"commit_queue\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_ids_never_reach_the_log()
    {
        const string Patient = "pat-private-7731";
        var (status, _) = await PostAsync($$"""[{"id":"l-1","deviceId":"cuff-l","patientId":"{{Patient}}","code":"8867-4","value":70,"unit":"/min","time":"2026-11-22T10:00:00Z"}]""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        await GetAsync($"/api/v1/patients/{Patient}/readings");
        using var bad = await _http.GetAsync(new Uri($"/api/v1/patients/{Patient}/readings?from=yesterday", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // The console logger writes on its own thread: give it time to show a leak rather than pass by being early.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            Assert.DoesNotContain(Patient, fixture.Server.Output, StringComparison.Ordinal);
            await Task.Delay(50);
        }
    }
}
