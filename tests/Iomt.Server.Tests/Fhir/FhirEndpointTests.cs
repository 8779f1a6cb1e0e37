using System.Text;
using System.Text.Json;
using Iomt.TestSupport;

namespace Iomt.Server.Tests.Fhir;

public class FhirEndpointTests
{
    private static byte[] Example(string name) => File.ReadAllBytes(SharedData.PathOf("fhir-r4", name));

    private static string[] Expressions(JsonElement outcome) =>
        [.. outcome.GetProperty("issue").EnumerateArray().Where(i => i.TryGetProperty("expression", out _)).Select(i => i.GetProperty("expression")[0].GetString()!)];

    [Fact]
    public async Task Every_observation_example_is_answered_201_when_stored_and_200_when_kept_as_a_dead_letter()
    {
        await using var server = await FhirTestServer.StartAsync(withWaveformSink: true);
        var files = Directory.GetFiles(SharedData.PathOf("fhir-r4"), "observation-example*.json").Order(StringComparer.Ordinal).ToArray();
        int created = 0, kept = 0;
        foreach (var file in files)
        {
            var (status, body, contentType) = await server.PostAsync("/fhir/Observation", File.ReadAllBytes(file));
            Assert.Equal("application/fhir+json", contentType);
            Assert.Equal("OperationOutcome", body.GetProperty("resourceType").GetString());
            Assert.True(status is 201 or 200, $"{Path.GetFileName(file)}: {status} {body}");
            created += status == 201 ? 1 : 0;
            kept += status == 200 ? 1 : 0;
        }

        Assert.Equal(64, files.Length);
        Assert.Equal(14, created); // 13 vital-sign readings + the ECG SampledData
        Assert.Equal(50, kept);
        Assert.Equal(13, server.Ingestor.Stored.Count);
        Assert.Equal(50, server.Ingestor.DeadLetters.Count);
        Assert.All(server.Ingestor.Received, r => Assert.Equal("fhir", r.Source));
        Assert.Equal(3, server.Waveforms!.Chunks.Count);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_kept_as_a_dead_letter()
    {
        await using var server = await FhirTestServer.StartAsync();
        var (status, body, _) = await server.PostAsync("/fhir/Observation", new byte[Iomt.Server.Transports.Fhir.FhirEndpoints.MaxBodyBytes + 1]);

        Assert.Equal(413, status);
        Assert.Equal("OperationOutcome", body.GetProperty("resourceType").GetString());
        var dead = Assert.Single(server.Ingestor.DeadLetters);
        Assert.Contains("larger than", dead.DecodeError!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("observation-malformed-json.json", 400, null)]
    [InlineData("observation-wrong-resourcetype.json", 422, "Observation.resourceType")]
    [InlineData("observation-missing-code.json", 422, "Observation.code")]
    [InlineData("observation-invalid-status-code.json", 422, "Observation.status")]
    [InlineData("observation-value-number-as-string.json", 400, "Observation.valueQuantity.value")]
    [InlineData("observation-missing-subject.json", 422, "Observation.subject")]
    [InlineData("observation-missing-effective.json", 422, "Observation.effective[x]")]
    [InlineData("observation-valuequantity-without-value.json", 422, "Observation.valueQuantity.value")]
    [InlineData("observation-unknown-ucum-unit.json", 422, "Observation.valueQuantity.code")]
    public async Task Invalid_observation_gets_an_operation_outcome_naming_the_path_and_a_dead_letter(string file, int expectedStatus, string? expression)
    {
        await using var server = await FhirTestServer.StartAsync();
        var (status, body, contentType) = await server.PostAsync("/fhir/Observation", File.ReadAllBytes(SharedData.PathOf("fhir-r4", "invalid", file)));
        Assert.Equal(expectedStatus, status);
        Assert.Equal("application/fhir+json", contentType);
        Assert.Equal("OperationOutcome", body.GetProperty("resourceType").GetString());
        Assert.Equal("error", body.GetProperty("issue")[0].GetProperty("severity").GetString());
        if (expression is not null)
        {
            Assert.Contains(expression, Expressions(body));
        }

        var dead = Assert.Single(server.Ingestor.DeadLetters);
        Assert.Equal(expression ?? "resource", dead.DecodeError!.Field);
    }

    [Fact]
    public async Task Transaction_bundle_from_a_health_gateway_is_answered_with_a_transaction_response()
    {
        await using var server = await FhirTestServer.StartAsync();
        var (status, body, _) = await server.PostAsync("/fhir", Example("phd-bundle-transaction-example-1.json"));
        Assert.Equal(200, status);
        Assert.Equal("transaction-response", body.GetProperty("type").GetString());
        var statuses = body.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["200 OK", "200 OK", "200 OK", "200 OK", "201 Created", "201 Created"], statuses);
        var stored = server.Ingestor.Stored.Select(i => i.Measurement!).ToArray();
        Assert.Equal(["2708-6", "8867-4"], stored.Select(m => m.Code.Code));
        Assert.All(stored, m => Assert.Equal("sisansarahId", m.PatientId));
        Assert.All(stored, m => Assert.Equal("00-1C-05-04-00-00-78-25", m.DeviceId)); // the PHD (pulse oximeter), EUI-64
    }

    [Fact]
    public async Task Transaction_entry_without_request_rejects_the_whole_bundle()
    {
        await using var server = await FhirTestServer.StartAsync();
        var (status, body, _) = await server.PostAsync("/fhir", File.ReadAllBytes(SharedData.PathOf("fhir-r4", "invalid", "bundle-transaction-entry-without-request.json")));
        Assert.Equal(422, status);
        Assert.Equal(["Bundle.entry[0].request"], Expressions(body));
        Assert.Empty(server.Ingestor.Stored);
        Assert.Single(server.Ingestor.DeadLetters);
    }

    [Fact]
    public async Task Batch_answers_each_entry_on_its_own()
    {
        await using var server = await FhirTestServer.StartAsync();
        var good = Encoding.UTF8.GetString(Example("observation-example-heart-rate.json"));
        var bad = Encoding.UTF8.GetString(File.ReadAllBytes(SharedData.PathOf("fhir-r4", "invalid", "observation-missing-subject.json")));
        var batch = $$$"""
            {"resourceType":"Bundle","type":"batch","entry":[
              {"resource":{{{good}}},"request":{"method":"POST","url":"Observation"}},
              {"resource":{{{bad}}},"request":{"method":"POST","url":"Observation"}}]}
            """;
        var (status, body, _) = await server.PostAsync("/fhir", Encoding.UTF8.GetBytes(batch));
        Assert.Equal(200, status);
        Assert.Equal("batch-response", body.GetProperty("type").GetString());
        var entries = body.GetProperty("entry").EnumerateArray().ToArray();
        Assert.Equal("201 Created", entries[0].GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("422 Unprocessable Entity", entries[1].GetProperty("response").GetProperty("status").GetString());
        Assert.Contains("Bundle.entry[1].resource.subject", Expressions(entries[1].GetProperty("response").GetProperty("outcome")));
    }

    [Fact]
    public async Task Resending_an_observation_is_acknowledged_as_a_duplicate()
    {
        await using var server = await FhirTestServer.StartAsync();
        Assert.Equal(201, (await server.PostAsync("/fhir/Observation", Example("observation-example-heart-rate.json"))).Status);
        Assert.Equal(200, (await server.PostAsync("/fhir/Observation", Example("observation-example-heart-rate.json"))).Status);
        Assert.Single(server.Ingestor.Stored.DistinctBy(i => i.MessageId));
    }

    [Fact]
    public async Task Implausible_value_rejected_by_ingestion_names_the_fhir_element()
    {
        await using var server = await FhirTestServer.StartAsync();
        var json = Encoding.UTF8.GetString(Example("observation-example-heart-rate.json")).Replace("\"value\": 44", "\"value\": 999", StringComparison.Ordinal);
        var (status, body, _) = await server.PostAsync("/fhir/Observation", Encoding.UTF8.GetBytes(json));
        Assert.Equal(422, status);
        Assert.Contains("Observation.valueQuantity.value", Expressions(body));
    }

    [Fact]
    public async Task Wrong_content_type_and_non_json_bodies_get_4xx_not_500()
    {
        await using var server = await FhirTestServer.StartAsync();
        Assert.Equal(415, (await server.PostAsync("/fhir/Observation", "x"u8.ToArray(), "text/plain")).Status);
        Assert.Equal(400, (await server.PostAsync("/fhir/Observation", "[1,2"u8.ToArray())).Status);
        Assert.Equal(400, (await server.PostAsync("/fhir", "{\"resourceType\":\"Bundle\",\"entry\":5}"u8.ToArray())).Status);
        Assert.Equal(422, (await server.PostAsync("/fhir", Example("observation-example-heart-rate.json"))).Status);
    }
}
