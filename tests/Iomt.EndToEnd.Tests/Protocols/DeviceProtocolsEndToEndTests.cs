using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests.Protocols;

/// <summary>
/// HL7 v2 over MLLP, FHIR R4 and forwarded BLE GATT notifications against the real server process: each
/// reading goes through the one ingestion path and comes back from the readings API.
/// </summary>
public sealed class DeviceProtocolsEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly int _mllpPort = ServerProcess.FreePort();
    private ServerProcess _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(_data.Path, null, null, "--mllp-port", _mllpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _http = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();

    private async Task<List<JsonElement>> ReadingsAsync(string patient)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"/api/v1/patients/{Uri.EscapeDataString(patient)}/readings", UriKind.Relative)));
        return doc.RootElement.GetProperty("readings").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Fact]
    public async Task Hl7_oru_over_mllp_is_acknowledged_aa_after_commit_and_stored_for_the_pid_patient()
    {
        var message = await File.ReadAllBytesAsync(SharedData.PathOf("hl7v2-pcd01", "01-nibp-monitor.request.hl7"));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _mllpPort);
        var stream = tcp.GetStream();
        await stream.WriteAsync(new byte[] { 0x0B });
        await stream.WriteAsync(message);
        await stream.WriteAsync(new byte[] { 0x1C, 0x0D });
        var ack = await ReadFrameAsync(stream);
        Assert.Contains("MSA|AA|MSG-20260314-0001", ack, StringComparison.Ordinal);

        var readings = await ReadingsAsync("MRN-100234");
        Assert.Contains(readings, r => r.GetProperty("code").GetString() == "8480-6" && r.GetProperty("value").GetDouble() == 120);
        Assert.Contains(readings, r => r.GetProperty("code").GetString() == "8462-4" && r.GetProperty("value").GetDouble() == 80);
        Assert.Contains(readings, r => r.GetProperty("code").GetString() == "8867-4" && r.GetProperty("value").GetDouble() == 60);
        Assert.All(readings, r => Assert.Equal("0123456789ABCDEF", r.GetProperty("deviceId").GetString()));
    }

    [Fact]
    public async Task Fhir_blood_pressure_observation_is_stored_as_a_panel()
    {
        var json = await File.ReadAllTextAsync(SharedData.PathOf("fhir-r4", "observation-example-bloodpressure.json"));
        using var response = await _http.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/fhir+json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var panel = Assert.Single(await ReadingsAsync("example"), r => r.GetProperty("code").GetString() == "85354-9");
        var components = panel.GetProperty("components").EnumerateArray().ToList();
        Assert.Contains(components, c => c.GetProperty("code").GetString() == "8480-6" && c.GetProperty("value").GetDouble() == 107);
        Assert.Contains(components, c => c.GetProperty("code").GetString() == "8462-4" && c.GetProperty("value").GetDouble() == 60);
    }

    [Fact]
    public async Task Fhir_observation_without_subject_gets_an_operation_outcome_and_a_dead_letter()
    {
        const string json = """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"effectiveDateTime":"2026-11-22T10:00:00Z","valueQuantity":{"value":70,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}""";
        using var response = await _http.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/fhir+json"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Contains("subject", outcome.GetRawText(), StringComparison.Ordinal);
        var letters = await _http.GetStringAsync(new Uri("/api/v1/dead-letters", UriKind.Relative));
        Assert.Contains("fhir", letters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_gatt_heart_rate_notification_is_decoded_and_stored_for_the_bound_patient()
    {
        await _http.PostAsync(new Uri("/api/v1/patients", UriKind.Relative), new StringContent("""{"id":"pat-ble"}""", Encoding.UTF8, "application/json"));
        await _http.PostAsync(new Uri("/api/v1/devices", UriKind.Relative), new StringContent("""{"id":"strap-1"}""", Encoding.UTF8, "application/json"));
        using (var bind = await _http.PutAsync(new Uri("/api/v1/devices/strap-1/binding", UriKind.Relative), new StringContent("""{"patientId":"pat-ble","from":"2026-11-01T00:00:00Z"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, bind.StatusCode);
        }

        // Flags 0x00: UINT8 heart rate, no contact, energy or RR fields; value 72 bpm.
        using var response = await _http.PostAsync(new Uri("/api/v1/devices/strap-1/gatt", UriKind.Relative), new StringContent("""{"characteristic":"2A37","value":"0048","time":"2026-11-22T10:00:00Z"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reading = Assert.Single(await ReadingsAsync("pat-ble"));
        Assert.Equal("8867-4", reading.GetProperty("code").GetString());
        Assert.Equal(72, reading.GetProperty("value").GetDouble());
    }

    private static async Task<string> ReadFrameAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.ReadAsync(one, timeout.Token) == 1)
        {
            if (one[0] == 0x1C)
            {
                break;
            }

            if (one[0] != 0x0B)
            {
                buffer.Add(one[0]);
            }
        }

        return Encoding.UTF8.GetString([.. buffer]);
    }
}
