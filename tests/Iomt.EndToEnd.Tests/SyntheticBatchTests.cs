using System.Text.Json;
using Iomt.Cli.Bench;

namespace Iomt.EndToEnd.Tests;

/// <summary>The load driver's batches are the readings they claim to be.</summary>
public sealed class SyntheticBatchTests
{
    [Fact]
    public void Writes_valid_json_with_sequential_ids_times_and_values()
    {
        var ids = new List<string>();
        using var batch = JsonDocument.Parse(SyntheticBatch.Write(client: 3, first: 259_205, count: 3, uuidIds: false, ids));

        var readings = batch.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, readings.Count);
        Assert.Equal(["c3-000259205", "c3-000259206", "c3-000259207"], readings.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(ids, readings.Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal("dev-3", readings[0].GetProperty("deviceId").GetString());
        Assert.Equal("p-3", readings[0].GetProperty("patientId").GetString());
        Assert.Equal("8867-4", readings[0].GetProperty("code").GetString());
        Assert.Equal("/min", readings[0].GetProperty("unit").GetString());
        Assert.Equal("2026-01-04T00:00:05Z", readings[0].GetProperty("time").GetString());
        Assert.Equal(50 + (259_205 % 80), readings[0].GetProperty("value").GetInt32());
    }

    [Fact]
    public void Uuid_ids_are_distinct_guids_reported_to_the_caller()
    {
        var ids = new List<string>();
        using var batch = JsonDocument.Parse(SyntheticBatch.Write(client: 0, first: 0, count: 50, uuidIds: true, ids));

        var sent = batch.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids, sent);
        Assert.Equal(50, sent.Distinct().Count());
        Assert.All(sent, id => Assert.True(Guid.TryParseExact(id, "D", out _)));
    }
}
