using BenchmarkDotNet.Attributes;
using Iomt.Clinical.Falls;

namespace Iomt.Benchmarks.Falls;

/// <summary>
/// Fall detector throughput: 10 minutes of synthetic waist acceleration (walking with a fall every
/// 30 s, so the candidate path is exercised) at 50 and 200 Hz; one operation = the whole stream.
/// </summary>
[MemoryDiagnoser]
public class FallDetectorBenchmarks
{
    private double[] _t = [];
    private double[] _x = [];
    private double[] _y = [];
    private double[] _z = [];

    /// <summary>Input sampling rate.</summary>
    [Params(50, 200)]
    public int RateHz { get; set; }

    /// <summary>Samples per operation (for samples/s = Samples / mean time).</summary>
    public int Samples => _t.Length;

    /// <summary>Builds the stream.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var n = 600 * RateHz;
        _t = new double[n];
        _x = new double[n];
        _y = new double[n];
        _z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = i / (double)RateHz;
            var phase = t % 30;
            _t[i] = t;
            (_x[i], _y[i], _z[i]) = phase switch
            {
                < 20 => (0.15 * Math.Sin(4 * Math.PI * t), -1 - (0.35 * Math.Sin(4 * Math.PI * t)), 0.1 * Math.Sin(2 * Math.PI * t)),
                < 20.4 => (0.05, -0.1, 0.05),
                < 20.48 => (1.5, 3.0, 2.0),
                _ => (0, 0, 1),
            };
        }
    }

    /// <summary>Streams every sample through a new detector; returns the number of falls raised.</summary>
    [Benchmark]
    public int Detect()
    {
        var detector = new FallDetector(RateHz);
        var falls = 0;
        for (var i = 0; i < _t.Length; i++)
        {
            if (detector.Add(_t[i], _x[i], _y[i], _z[i], out _))
            {
                falls++;
            }
        }

        return falls;
    }
}
