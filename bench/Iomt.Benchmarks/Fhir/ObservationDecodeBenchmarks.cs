using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Iomt.Core.Measurements;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Protocols.Fhir.Outbound;

namespace Iomt.Benchmarks.Fhir;

/// <summary>FHIR R4 Observation decode (JSON → model) and decode+map (→ Measurement / WaveformChunk) throughput and allocations.</summary>
[MemoryDiagnoser]
public class ObservationDecodeBenchmarks
{
    private byte[] _heartRate = [];
    private byte[] _bloodPressure = [];
    private byte[] _ecg = [];

    /// <summary>Builds the inputs with the outbound builder, so no files are needed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var time = new DateTimeOffset(2026, 3, 14, 9, 15, 0, TimeSpan.Zero);
        var hr = new Measurement { DeviceId = "dev-1", MessageId = "m-1", PatientId = "p-1", Code = ObservationCode.Loinc("8867-4"), Value = 72, Unit = "/min", DeviceTime = time };
        _heartRate = FhirJson.Serialize(ObservationBuilder.Default.Build(hr).Value);
        var bp = hr with
        {
            Code = ObservationCode.Loinc("85354-9"),
            Value = null,
            Unit = "",
            Components = [new(ObservationCode.Loinc("8480-6"), 120, "mm[Hg]"), new(ObservationCode.Loinc("8462-4"), 80, "mm[Hg]")],
        };
        _bloodPressure = FhirJson.Serialize(ObservationBuilder.Default.Build(bp).Value);

        // One ECG lead, 500 samples at 500 Hz (1 s), as SampledData.
        var samples = string.Join(' ', Enumerable.Range(0, 500).Select(i => (2048 + (int)(400 * Math.Sin(i / 20.0))).ToString(CultureInfo.InvariantCulture)));
        _ecg = Encoding.UTF8.GetBytes($$$"""
            {"resourceType":"Observation","id":"ecg-1","status":"final","code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"131330"}]},
             "subject":{"reference":"Patient/p-1"},"effectiveDateTime":"2026-03-14T09:15:00Z","device":{"reference":"Device/dev-1"},
             "valueSampledData":{"origin":{"value":2048,"unit":"uV","system":"http://unitsofmeasure.org","code":"uV"},"period":2,"factor":1.612,"dimensions":1,"data":"{{{samples}}}"}}
            """);
    }

    /// <summary>Parse a heart-rate Observation into the model.</summary>
    [Benchmark(Baseline = true)]
    public object? DecodeHeartRate() => FhirJson.ParseObservation(_heartRate).Value;

    /// <summary>Parse and map a heart-rate Observation to one Measurement.</summary>
    [Benchmark]
    public int DecodeAndMapHeartRate() => ObservationMapper.Default.Map(_heartRate).Value.Measurements.Length;

    /// <summary>Parse and map a blood-pressure panel to one Measurement with two components.</summary>
    [Benchmark]
    public int DecodeAndMapBloodPressure() => ObservationMapper.Default.Map(_bloodPressure).Value.Measurements.Length;

    /// <summary>Parse and map a 500-sample ECG SampledData to one WaveformChunk.</summary>
    [Benchmark]
    public int DecodeAndMapEcg500Samples() => ObservationMapper.Default.Map(_ecg).Value.Waveforms[0].Samples.Length;
}
