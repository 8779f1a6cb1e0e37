using System.Collections.Immutable;
using Iomt.Core.Measurements;

namespace Iomt.Core.Waveforms;

/// <summary>
/// A run of evenly sampled raw values (ECG, pleth, acceleration...). The physical value of sample i is
/// <c>Offset + Gain * Samples[i]</c> in <see cref="Unit"/> at <c>Start + i / SampleRateHz</c> seconds
/// (the FHIR SampledData convention: origin + factor × data).
/// </summary>
public sealed record WaveformChunk
{
    /// <summary>The device that recorded the samples.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Patient the samples belong to, when known.</summary>
    public string? PatientId { get; init; }

    /// <summary>What the signal is (e.g. MDC_ECG_ELEC_POTL_II).</summary>
    public required ObservationCode Code { get; init; }

    /// <summary>
    /// Which interleaved dimension of a multi-dimensional signal this is (FHIR SampledData <c>dimensions</c> &gt; 1, e.g.
    /// the x, y and z axes of an accelerometer), from 0; 0 for a single signal.
    /// </summary>
    public int Channel { get; init; }

    /// <summary>Time of the first sample.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Samples per second.</summary>
    public required double SampleRateHz { get; init; }

    /// <summary>Physical units per raw unit.</summary>
    public double Gain { get; init; } = 1;

    /// <summary>Physical value of a raw zero.</summary>
    public double Offset { get; init; }

    /// <summary>UCUM unit of the physical value.</summary>
    public required string Unit { get; init; }

    /// <summary>The raw samples.</summary>
    public required ImmutableArray<int> Samples { get; init; }

    /// <summary>The physical value of sample <paramref name="index"/>.</summary>
    public double PhysicalValue(int index) => Offset + (Gain * Samples[index]);

    /// <summary>The time of sample <paramref name="index"/>.</summary>
    public DateTimeOffset TimeOf(int index) => Start + TimeSpan.FromSeconds(index / SampleRateHz);
}
