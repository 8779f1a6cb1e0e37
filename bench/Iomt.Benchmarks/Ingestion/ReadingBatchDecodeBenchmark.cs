using BenchmarkDotNet.Attributes;
using Iomt.Cli.Bench;
using Iomt.Core.Catalogue;
using Iomt.Server.Api.Readings;

namespace Iomt.Benchmarks.Ingestion;

/// <summary>
/// JSON decode + catalogue validation of one HTTP batch of 100 readings (the per-request CPU work before the
/// commit). Divide the time and the allocated bytes by 100 for the cost per reading.
/// </summary>
[MemoryDiagnoser]
public class ReadingBatchDecodeBenchmark
{
    private byte[] _batch = [];

    /// <summary>Readings per batch.</summary>
    [Params(100)]
    public int Readings { get; set; }

    /// <summary>Builds the batch once.</summary>
    [GlobalSetup]
    public void Setup() => _batch = SyntheticBatch.Write(client: 1, first: 0, count: Readings, uuidIds: false);

    /// <summary>Parses the batch and validates every reading.</summary>
    [Benchmark]
    public int DecodeAndValidate()
    {
        var items = ReadingBatchParser.Parse(_batch, out _)!;
        var valid = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var item in items)
        {
            if (MeasurementValidator.Default.Validate(item.Measurement! with { ReceivedTime = now }, out _) is null)
            {
                valid++;
            }
        }

        return valid;
    }
}
