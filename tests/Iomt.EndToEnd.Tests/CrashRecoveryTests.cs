using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Iomt.Cli.Bench;
using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests;

/// <summary>
/// No loss under crash (issue 2): 8 clients send 200 000 readings; the server is killed with SIGKILL
/// mid-stream and restarted; the clients resend everything not acknowledged plus a share of what was;
/// afterwards every acknowledged reading is stored exactly once and nothing sent is missing.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Clients = 8;
    private const int Batch = 100;
    private const int BatchesPerClient = 250; // 8 × 250 × 100 = 200 000 readings

    [Fact]
    public async Task Every_acknowledged_reading_survives_sigkill_exactly_once_with_sqlite()
    {
        using var data = new TempDirectory();
        await RunAsync(() => ServerProcess.StartAsync(data.Path));
    }

    [Fact]
    public async Task Every_acknowledged_reading_survives_sigkill_exactly_once_with_postgresql()
    {
        using var data = new TempDirectory();
        await using var db = await PostgresDatabase.CreateAsync();
        await RunAsync(() => ServerProcess.StartAsync(data.Path, db.ConnectionString));
    }

    private static async Task RunAsync(Func<Task<ServerProcess>> start)
    {
        var acked = new ConcurrentDictionary<(int Client, int Batch), bool>();
        var server = await start();
        var port = server.BaseAddress.Port;
        using var kill = new CancellationTokenSource();

        // Phase 1: send until killed. The kill comes when about 40 % of the batches were acknowledged.
        var killAt = Clients * BatchesPerClient * 2 / 5;
        var sending = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var http = server.CreateClient();
            for (var b = 0; b < BatchesPerClient && !kill.IsCancellationRequested; b++)
            {
                if (await TrySendAsync(http, c, b) == HttpStatusCode.Accepted)
                {
                    acked[(c, b)] = true;
                    if (acked.Count >= killAt)
                    {
                        await kill.CancelAsync();
                    }
                }
            }
        })).ToArray();
        var killer = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, kill.Token);
            }
            catch (TaskCanceledException)
            {
                await server.KillAsync();
            }
        });
        await Task.WhenAll(sending);
        await kill.CancelAsync();
        await killer;
        var ackedBeforeCrash = acked.Keys.ToHashSet();
        Assert.InRange(ackedBeforeCrash.Count, killAt, (Clients * BatchesPerClient) - 1);

        // Phase 2: restart on the same store and resend all unacknowledged batches and every 4th acknowledged one.
        await using var restarted = await start();
        var resentAcked = 0;
        var duplicatesReported = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Clients), async (c, _) =>
        {
            using var http = restarted.CreateClient();
            for (var b = 0; b < BatchesPerClient; b++)
            {
                var wasAcked = ackedBeforeCrash.Contains((c, b));
                if (wasAcked && b % 4 != 0)
                {
                    continue;
                }

                var (status, duplicates) = await SendAsync(http, c, b);
                Assert.Equal(HttpStatusCode.Accepted, status);
                if (wasAcked)
                {
                    Interlocked.Increment(ref resentAcked);
                    Assert.Equal(Batch, duplicates); // an acknowledged batch was durable: all its readings are duplicates now
                }

                Interlocked.Add(ref duplicatesReported, duplicates);
            }
        });
        Assert.True(resentAcked > 0);

        // Verify through the public API: each client's patient has exactly its 25 000 readings, each id once.
        using var verify = restarted.CreateClient();
        for (var c = 0; c < Clients; c++)
        {
            using var doc = JsonDocument.Parse(await verify.GetStringAsync(new Uri($"/api/v1/patients/p-{c}/readings?limit=1000000", UriKind.Relative)));
            var ids = doc.RootElement.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.Equal(BatchesPerClient * Batch, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            var expected = Enumerable.Range(0, BatchesPerClient * Batch).Select(i => SyntheticBatch.MessageId(c, i)).ToHashSet(StringComparer.Ordinal);
            Assert.True(expected.SetEquals(ids), $"client {c}: stored ids differ from the ids sent");
        }

        Assert.True(port > 0);
    }

    private static async Task<HttpStatusCode?> TrySendAsync(HttpClient http, int client, int batch)
    {
        try
        {
            return (await SendAsync(http, client, batch)).Status;
        }
        catch (HttpRequestException)
        {
            return null; // server killed: not acknowledged
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<(HttpStatusCode Status, int Duplicates)> SendAsync(HttpClient http, int client, int batch)
    {
        using var content = new ByteArrayContent(SyntheticBatch.Write(client, (long)batch * Batch, Batch, uuidIds: false));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/api/v1/readings", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (response.StatusCode, 0);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("duplicates").GetInt32());
    }
}
