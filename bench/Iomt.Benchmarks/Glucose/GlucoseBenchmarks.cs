using BenchmarkDotNet.Attributes;
using Iomt.Clinical.Glucose;

namespace Iomt.Benchmarks.Glucose;

/// <summary>
/// Glucose readings per second through the streaming detectors, over all 12 AZT1D developer traces
/// (137,938 readings; ../shared/data/cgm or IOMT_SHARED_DATA). Readings/s = 137,938 / mean time.
/// </summary>
[MemoryDiagnoser]
public class GlucoseBenchmarks
{
    private GlucoseReading[][] _patients = [];
    private GlucoseAlert[] _alerts = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];

    /// <summary>Total readings processed per invocation.</summary>
    public int Readings => _patients.Sum(p => p.Length);

    /// <summary>Loads the traces once.</summary>
    [GlobalSetup]
    public void Load()
    {
        var folder = Path.Combine(SharedDataRoot(), "cgm");
        _patients = [.. Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).Select(ReadFile)];
        _alerts = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];
        Console.WriteLine($"// glucose readings per invocation: {Readings}");
    }

    /// <summary>Our trend forecaster alone.</summary>
    [Benchmark(Baseline = true)]
    public int TrendForecaster() => Run(new UrgentLowSoonForecaster());

    /// <summary>The Nightscout AR2 baseline alone.</summary>
    [Benchmark]
    public int Ar2() => Run(new Ar2UrgentLowSoonDetector());

    /// <summary>The whole monitor: stale, thresholds and the forecaster.</summary>
    [Benchmark]
    public int Monitor()
    {
        var count = 0;
        foreach (var patient in _patients)
        {
            var monitor = new GlucoseMonitor();
            foreach (var reading in patient)
            {
                count += monitor.Process(reading, _alerts);
            }
        }

        return count;
    }

    private int Run(IUrgentLowSoonDetector detector)
    {
        var count = 0;
        foreach (var patient in _patients)
        {
            detector.Reset();
            foreach (var reading in patient)
            {
                count += detector.Process(reading) ? 1 : 0;
            }
        }

        return count;
    }

    private static GlucoseReading[] ReadFile(string path)
    {
        using var text = new StreamReader(path);
        var reader = GlucoseCsvReader.Open(text, out var error) ?? throw new InvalidDataException(error!.Describe(path));
        var readings = new List<GlucoseReading>();
        while (reader.TryRead(out var row, out _))
        {
            readings.Add(row.Reading);
        }

        return [.. readings];
    }

    private static string SharedDataRoot()
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
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        throw new DirectoryNotFoundException("shared data not found (set IOMT_SHARED_DATA)");
    }
}
