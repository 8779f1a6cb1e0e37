using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Iomt.Cli.CommandLine;

namespace Iomt.Cli.Bench;

/// <summary>
/// <c>iomt bench ingest</c>: N concurrent clients post batches of synthetic readings to a running server and
/// the driver reports durable readings/s and the p50/p99 acknowledgement latency (time to the 202).
/// </summary>
public static class BenchIngestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base URL.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients (connections).", DefaultValueFactory = _ => 8 };
        var batch = new Option<int>("--batch") { Description = "Readings per request.", DefaultValueFactory = _ => 100 };
        var total = new Option<long>("--readings") { Description = "Total readings to send.", DefaultValueFactory = _ => 1_000_000 };
        var uuid = new Option<bool>("--uuid-ids") { Description = "Random GUID message ids instead of sequential ones." };
        var offset = new Option<int>("--client-offset") { Description = "First client number (use a new range per run against the same store).", DefaultValueFactory = _ => 0 };
        var command = new Command("ingest", "Load the HTTP ingestion endpoint and report readings/s and p50/p99 ack latency.") { url, clients, batch, total, uuid, offset };
        command.SetHandler(async (parse, ct) =>
        {
            var o = new LoadOptions(new Uri(parse.GetValue(url)!), parse.GetValue(clients), parse.GetValue(batch), parse.GetValue(total), parse.GetValue(uuid), parse.GetValue(offset));
            if (o.Clients < 1 || o.Batch < 1 || o.Total < (long)o.Clients * o.Batch)
            {
                throw new UserInputException("--clients and --batch must be ≥ 1 and --readings ≥ --clients × --batch");
            }

            var result = await RunAsync(o, ct);
            Console.WriteLine(result.Report());
            return result.Failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Runs the load and returns the measurements.</summary>
    public static async Task<LoadResult> RunAsync(LoadOptions o, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = o.Url, Timeout = TimeSpan.FromSeconds(60) };
        var perClient = o.Total / o.Clients / o.Batch;
        var latencies = new List<double>[o.Clients];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, o.Clients), new ParallelOptions { MaxDegreeOfParallelism = o.Clients, CancellationToken = ct }, async (c, token) =>
        {
            var mine = latencies[c] = new List<double>((int)perClient);
            var client = o.ClientOffset + c;
            for (long b = 0; b < perClient; b++)
            {
                var body = SyntheticBatch.Write(client, b * o.Batch, o.Batch, o.UuidIds);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/api/v1/readings", UriKind.Relative), content, token);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        clock.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(o, (all.Length - failed) * (long)o.Batch, clock.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length > 0 ? all[^1] : 0, failed);
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Load shape.</summary>
    public sealed record LoadOptions(Uri Url, int Clients, int Batch, long Total, bool UuidIds, int ClientOffset);

    /// <summary>Measured outcome.</summary>
    public sealed record LoadResult(LoadOptions Options, long Readings, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, int Failed)
    {
        /// <summary>Acknowledged (202) readings per second over the whole run.</summary>
        public double ReadingsPerSecond => Readings / Elapsed.TotalSeconds;

        /// <summary>A one-line report.</summary>
        public string Report() => string.Create(
            CultureInfo.InvariantCulture,
            $"clients={Options.Clients} batch={Options.Batch} ids={(Options.UuidIds ? "uuid" : "sequential")} readings={Readings} elapsed={Elapsed.TotalSeconds:0.00}s rate={ReadingsPerSecond:0} readings/s ack p50={P50Ms:0.0}ms p99={P99Ms:0.0}ms max={MaxMs:0.0}ms failed_requests={Failed}");
    }
}
