using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Core.Measurements;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Outbound;

namespace Iomt.Cli.Bench;

/// <summary>
/// <c>iomt bench ecg</c>: N simulated ECG devices stream a WFDB record's first signal to a running server as FHIR
/// SampledData Observations (one chunk after the other per device, as fast as acknowledged), and the driver reports
/// acknowledged samples/s, how many real-time streams at the record's rate that is, and the chunk latency. The
/// server stores every chunk, detects beats, ingests the RR intervals and runs the AF detector (ADR 0006).
/// </summary>
public static class BenchEcgCommand
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base URL.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var record = new Option<string>("--record") { Description = "WFDB record path without extension (e.g. ../shared/data/mitdb/201).", Required = true };
        var devices = new Option<int>("--devices") { Description = "Concurrent devices (one connection each).", DefaultValueFactory = _ => 8 };
        var chunkSeconds = new Option<double>("--chunk-seconds") { Description = "Seconds of signal per Observation.", DefaultValueFactory = _ => 10 };
        var offset = new Option<int>("--device-offset") { Description = "First device number (use a new range per run against the same store).", DefaultValueFactory = _ => 0 };
        var command = new Command("ecg", "Stream a WFDB record as FHIR SampledData from N devices; report samples/s and chunk latency.") { url, record, devices, chunkSeconds, offset };
        command.SetHandler(async (parse, ct) =>
        {
            var read = WfdbRecordReader.Read(parse.GetValue(record)!);
            if (!read.IsSuccess)
            {
                throw new UserInputException(read.Error.ToString());
            }

            var n = parse.GetValue(devices);
            var seconds = parse.GetValue(chunkSeconds);
            if (n < 1 || !(seconds is >= 0.1 and <= 60))
            {
                throw new UserInputException("--devices must be ≥ 1 and --chunk-seconds between 0.1 and 60");
            }

            Console.WriteLine(await RunAsync(new Uri(parse.GetValue(url)!), read.Value!, n, seconds, parse.GetValue(offset), ct));
            return 0;
        });
        return command;
    }

    private static async Task<string> RunAsync(Uri url, WfdbRecord record, int devices, double chunkSeconds, int offset, CancellationToken ct)
    {
        var fs = record.Header.SamplingFrequency;
        var chunkLength = (int)Math.Round(chunkSeconds * fs);
        var chunks = record.Length / chunkLength;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = devices };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new List<double>[devices];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = devices, CancellationToken = ct }, async (d, token) =>
        {
            var mine = latencies[d] = new List<double>(chunks);
            var device = string.Create(CultureInfo.InvariantCulture, $"bench-ecg-{offset + d}");
            for (var c = 0; c < chunks; c++)
            {
                var chunk = record.ToChunk(0, c * chunkLength, chunkLength, device, "bench-" + device, ObservationCode.Mdc("131330"), Epoch + TimeSpan.FromSeconds((double)c * chunkLength / fs));
                using var content = new ByteArrayContent(FhirJson.Serialize(ObservationBuilder.BuildWaveform(chunk, $"{device}-{c}").Value));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), content, token);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        clock.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var samples = (all.Length - failed) * (long)chunkLength;
        var rate = samples / clock.Elapsed.TotalSeconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"devices={devices} chunk={chunkSeconds}s ({chunkLength} samples at {fs} Hz) chunks={all.Length} elapsed={clock.Elapsed.TotalSeconds:0.00}s rate={rate:0} samples/s = {rate / fs:0.0} real-time streams; chunk ack p50={BenchIngestCommand.Percentile(all, 0.50):0.0}ms p99={BenchIngestCommand.Percentile(all, 0.99):0.0}ms max={(all.Length > 0 ? all[^1] : 0):0.0}ms failed_requests={failed}");
    }
}
