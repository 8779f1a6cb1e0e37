using BenchmarkDotNet.Attributes;
using Iomt.Protocols.Ble;
using Iomt.Protocols.Ble.HeartRate;

namespace Iomt.Benchmarks.Ble;

/// <summary>
/// Decode throughput and allocations per decode for one representative vector per characteristic:
/// <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- --filter '*GattDecode*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GattDecodeBenchmarks
{
    private readonly List<GattObservation> _sink = new(16);
    private byte[] _bytes = [];
    private string _uuid = "";
    private GattNotification _notification = null!;
    private byte[] _heartRate = [];

    /// <summary>Vector id from ../shared/data/ble/vectors.json.</summary>
    [Params("hrm-uint16-contact3-ee-rr2", "bpm-kpa-ts-pr-uid-ms", "htm-fahrenheit-ts-type", "wm-imperial-ts-uid-bmi-height",
        "glm-all-flags-context", "plxs-all", "plxc-all", "cgm-full-e2e-crc")]
    public string Vector { get; set; } = "";

    /// <summary>Loads the vector.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var seeds = GattFuzzCommand.FindVectors() is { } path ? LoadById(path) : throw new FileNotFoundException("vectors.json not found");
        (_uuid, _bytes) = seeds[Vector];
        _heartRate = seeds["hrm-uint16-contact3-ee-rr2"].Value;
        _notification = new GattNotification(_uuid, Convert.ToHexString(_bytes), new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Decode through the UUID dispatcher (the result is boxed as IGattValue).</summary>
    [Benchmark(Baseline = true)]
    public bool Decode() => GattCharacteristics.Decode(_uuid, _bytes).IsSuccess;

    /// <summary>Decode and list the observations (the values ingestion would store).</summary>
    [Benchmark]
    public int DecodeAndObserve()
    {
        _sink.Clear();
        if (GattCharacteristics.Decode(_uuid, _bytes).TryGetValue(out var v))
        {
            v.AddObservations(_sink);
        }

        return _sink.Count;
    }

    /// <summary>The whole notification path: hex text → decode → Measurement records with hashed message ids.</summary>
    [Benchmark]
    public int MapNotification() => GattNotificationMapper.Map(_notification, "device-1", _notification.Time!.Value).Measurements.Length;

    /// <summary>The typed heart-rate decoder without the dispatcher (same for every Vector value).</summary>
    [Benchmark]
    public int TypedHeartRateDecode() => HeartRateMeasurementDecoder.Decode(_heartRate).Value.HeartRate;

    private static Dictionary<string, (string Uuid, byte[] Value)> LoadById(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("vectors").EnumerateArray().ToDictionary(
            v => v.GetProperty("id").GetString()!,
            v => (v.GetProperty("characteristic").GetString()!, Convert.FromHexString(v.GetProperty("hex").GetString()!)));
    }
}
