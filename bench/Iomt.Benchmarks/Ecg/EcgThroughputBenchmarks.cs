using BenchmarkDotNet.Attributes;
using Iomt.Clinical.Ecg;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Benchmarks.Ecg;

/// <summary>
/// QRS + AF (RR-only and ECG-based) throughput over every MIT-BIH record in <c>../shared/data/mitdb</c> (or <c>$IOMT_SHARED_DATA/mitdb</c>),
/// one core, 512-sample chunks as they would stream. Samples/s = total samples / mean time.
/// </summary>
[MemoryDiagnoser]
public class EcgThroughputBenchmarks
{
    private const int Chunk = 512;
    private float[][] _signals = [];
    private long[] _beats = [];

    /// <summary>Total samples processed per operation.</summary>
    public long TotalSamples { get; private set; }

    /// <summary>Loads channel 0 of every record.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(DataRoot(), "mitdb");
        _signals = Directory.GetFiles(folder, "*.hea").Order(StringComparer.Ordinal)
            .Select(h => WfdbRecordReader.Read(h[..^4]).Value!.ToPhysical(0))
            .ToArray();
        TotalSamples = _signals.Sum(s => (long)s.Length);
        _beats = new long[new QrsDetector(360).MaxBeatsPerChunk(Chunk)];
        Console.WriteLine($"// {_signals.Length} records, {TotalSamples} samples");
    }

    /// <summary>QRS detection then AF labelling of every record, streaming.</summary>
    [Benchmark]
    public long QrsAndAf()
    {
        long afIntervals = 0;
        Span<AfDecision> decisions = stackalloc AfDecision[RrAfDetector.MaxDecisionsPerAdd];
        foreach (var signal in _signals)
        {
            var qrs = new QrsDetector(360);
            var af = new RrAfDetector();
            long previous = -1;
            for (var start = 0; start < signal.Length; start += Chunk)
            {
                var found = qrs.Process(signal.AsSpan(start, Math.Min(Chunk, signal.Length - start)), _beats);
                for (var i = 0; i < found; i++)
                {
                    if (previous >= 0)
                    {
                        var n = af.Add(_beats[i] / 360.0, (_beats[i] - previous) / 360.0, decisions);
                        foreach (var d in decisions[..n])
                        {
                            afIntervals += d.IsAf ? 1 : 0;
                        }
                    }

                    previous = _beats[i];
                }
            }
        }

        return afIntervals;
    }

    /// <summary>
    /// The ECG-based analysis that <c>iomt analyze ecg</c> and the server run (<see cref="EcgLeadAnalyzer"/>: QRS detection,
    /// atrial-activity filtering of every sample, and the AF detector on RR irregularity and P-wave absence), streaming.
    /// </summary>
    [Benchmark]
    public long QrsAndEcgAf()
    {
        var counter = new AfCounter();
        foreach (var signal in _signals)
        {
            var analyzer = new EcgLeadAnalyzer(360);
            for (var start = 0; start < signal.Length; start += Chunk)
            {
                analyzer.Process(signal.AsSpan(start, Math.Min(Chunk, signal.Length - start)), counter);
            }

            analyzer.End(counter);
        }

        return counter.AfIntervals;
    }

    private static string DataRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("IOMT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iomt.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "data");
            }
        }

        throw new DirectoryNotFoundException("shared data not found: set IOMT_SHARED_DATA");
    }

    private sealed class AfCounter : IEcgLeadSink
    {
        public long AfIntervals { get; private set; }

        public void OnBeat(long sample, double position)
        {
        }

        public void OnAfDecision(AfDecision decision, long raisedAt) => AfIntervals += decision.IsAf ? 1 : 0;
    }
}
