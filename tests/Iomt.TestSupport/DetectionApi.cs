using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iomt.Core.Measurements;

namespace Iomt.TestSupport;

/// <summary>One event as the events API lists it.</summary>
public readonly record struct ApiEvent(string Kind, DateTimeOffset Onset, DateTimeOffset Raised);

/// <summary>Readings in and detection events out over a running server's HTTP API, and synthetic rhythms to send.</summary>
public static class DetectionApi
{
    /// <summary>Posts reading objects (readings API shape) in batches; throws unless every reading is accepted.</summary>
    public static async Task PostReadingsAsync(HttpClient http, IReadOnlyList<object> readings, int batch = 500)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(readings);
        for (var i = 0; i < readings.Count; i += batch)
        {
            using var content = new StringContent(JsonSerializer.Serialize(readings.Skip(i).Take(batch)), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/v1/readings", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Accepted || body.Contains("\"field\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"readings not all accepted: {(int)response.StatusCode} {body}");
            }
        }
    }

    /// <summary>The patient's events in the order raised.</summary>
    public static async Task<List<ApiEvent>> EventsAsync(HttpClient http, string patientId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/patients/{patientId}/events", UriKind.Relative));
        return [.. body.GetProperty("events").EnumerateArray().Select(e => new ApiEvent(
            e.GetProperty("kind").GetString()!,
            e.GetProperty("onset").GetDateTimeOffset(),
            e.GetProperty("raised").GetDateTimeOffset()))];
    }

    /// <summary>
    /// Polls the events until <paramref name="done"/> holds or 20 s pass (detection runs behind the acknowledgement),
    /// then waits <paramref name="settle"/> more and reads them once again, so that an extra event would be seen.
    /// </summary>
    public static async Task<List<ApiEvent>> WaitForEventsAsync(HttpClient http, string patientId, Func<List<ApiEvent>, bool> done, TimeSpan? settle = null)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done(await EventsAsync(http, patientId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(settle ?? TimeSpan.FromMilliseconds(300));
        return await EventsAsync(http, patientId);
    }

    /// <summary>
    /// RR-interval readings (MDC 147240, one per beat, device "strap-1"): sinus rhythm (0.8 s with a slow sinusoidal
    /// variation), then AF (intervals uniform in 0.4–1.0 s), then sinus again; with the times the AF run starts and ends.
    /// </summary>
    public static (List<object> Readings, DateTimeOffset AfStart, DateTimeOffset AfEnd) SinusAfSinus(string patientId, DateTimeOffset start, int sinus, int af, int sinusAfter)
    {
        var random = new Random(11);
        var readings = new List<object>();
        var t = start;
        DateTimeOffset afStart = default, afEnd = default;
        for (var i = 0; i < sinus + af + sinusAfter; i++)
        {
            if (i == sinus)
            {
                afStart = t;
            }

            if (i == sinus + af)
            {
                afEnd = t;
            }

            var rr = i >= sinus && i < sinus + af ? 0.4 + (0.6 * random.NextDouble()) : 0.8 + (0.02 * Math.Sin(i / 5.0));
            t += TimeSpan.FromSeconds(rr);
            readings.Add(new { id = $"rr-{i}", deviceId = "strap-1", patientId, system = CodeSystems.Mdc, code = "147240", value = rr, unit = "s", time = t });
        }

        // AF that lasts to the end of the readings ends with the last interval.
        return (readings, afStart, sinusAfter == 0 ? t : afEnd);
    }
}
