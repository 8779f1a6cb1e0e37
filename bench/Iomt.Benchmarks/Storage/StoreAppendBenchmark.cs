using System.Diagnostics;
using System.Globalization;
using Iomt.Core.Measurements;
using Iomt.Storage;
using Iomt.Storage.Postgres;
using Iomt.Storage.Sqlite;

namespace Iomt.Benchmarks.Storage;

/// <summary>
/// AppendAsync throughput of the real stores: fresh store per run, readings generated up front, 1,000 devices
/// each bound to its own patient, device times in order per device with a little jitter.
/// </summary>
public static class StoreAppendBenchmark
{
    /// <summary>Runs every store × batch size × id kind and prints one line per run.</summary>
    public static async Task RunAsync(int totalRows, string? postgres, IReadOnlyList<string> stores)
    {
        Console.WriteLine($"store append: {totalRows:N0} rows per run, 1,000 devices, fresh store per run");
        Console.WriteLine($"{"store",-16} {"ids",-10} {"rows/call",9} {"rows/s",10} {"rows/cpu-s",10} {"p50 ms",8} {"p99 ms",8}");
        foreach (var store in stores)
        {
            foreach (var batch in new[] { 100, 1000, 10_000 })
            {
                foreach (var uuid in new[] { false, true })
                {
                    var (rate, cpuRate, p50, p99) = await MeasureAsync(store, postgres, batch, uuid, totalRows);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store,-16} {(uuid ? "uuid" : "sequential"),-10} {batch,9:N0} {rate,10:N0} {cpuRate,10:N0} {p50,8:F2} {p99,8:F2}"));
                }
            }
        }
    }

    private static async Task<(double Rate, double CpuRate, double P50, double P99)> MeasureAsync(string kind, string? postgres, int batchSize, bool uuid, int totalRows)
    {
        var folder = Directory.CreateTempSubdirectory("iomt-bench-");
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        IMeasurementStore store = kind switch
        {
            "sqlite-normal" => new SqliteStore(new SqliteStoreOptions { DataDirectory = folder.FullName, Synchronous = SqliteSynchronous.Normal }),
            "sqlite-nomerge" => new SqliteStore(new SqliteStoreOptions { DataDirectory = folder.FullName, MergeThreshold = int.MaxValue }),
            "sqlite-full" => new SqliteStore(new SqliteStoreOptions { DataDirectory = folder.FullName, Synchronous = SqliteSynchronous.Full }),
            "postgres" => new PostgresStore(new PostgresStoreOptions { ConnectionString = postgres ?? throw new InvalidOperationException("set IOMT_BENCH_POSTGRES"), Schema = schema }),
            _ => throw new ArgumentException($"unknown store '{kind}'", nameof(kind)),
        };
        try
        {
            await store.MigrateAsync(CancellationToken.None);
            var batches = Generate(totalRows, batchSize, uuid);
            var latencies = new List<double>(batches.Count);
            // Process CPU time as well as wall time: the sandbox's 2 cores are shared, so wall time is noisy.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                var started = watch.Elapsed;
                var result = await store.AppendAsync(batch, [], CancellationToken.None);
                latencies.Add((watch.Elapsed - started).TotalMilliseconds);
                if (result.Accepted != batch.Length)
                {
                    throw new InvalidOperationException("unexpected duplicates in generated data");
                }
            }

            var rate = totalRows / watch.Elapsed.TotalSeconds;
            var cpuRate = totalRows / (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            latencies.Sort();
            return (rate, cpuRate, latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]);
        }
        finally
        {
            await store.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static List<PendingReading[]> Generate(int totalRows, int batchSize, bool uuid)
    {
        const int Devices = 1000;
        var random = new Random(7);
        var devices = Enumerable.Range(0, Devices).Select(i => $"device-{i:D4}").ToArray();
        var patients = Enumerable.Range(0, Devices).Select(i => $"patient-{i:D4}").ToArray();
        var start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var code = ObservationCode.Loinc("8867-4");
        var batches = new List<PendingReading[]>();
        for (var offset = 0; offset < totalRows; offset += batchSize)
        {
            var batch = new PendingReading[Math.Min(batchSize, totalRows - offset)];
            for (var i = 0; i < batch.Length; i++)
            {
                var n = offset + i;
                var d = random.Next(Devices);
                batch[i] = new PendingReading(new Measurement
                {
                    DeviceId = devices[d],
                    MessageId = uuid ? Guid.NewGuid().ToString() : n.ToString("D10", CultureInfo.InvariantCulture),
                    PatientId = patients[d],
                    Code = code,
                    Value = 60 + random.Next(40),
                    Unit = "/min",
                    DeviceTime = start.AddMilliseconds(n - random.Next(2000)),
                    ReceivedTime = start.AddMilliseconds(n),
                });
            }

            batches.Add(batch);
        }

        return batches;
    }
}
