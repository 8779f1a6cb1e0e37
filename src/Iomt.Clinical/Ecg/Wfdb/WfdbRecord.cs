using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>A WFDB record held in memory: its header and the ADC samples of each signal.</summary>
/// <param name="Header">The parsed header.</param>
/// <param name="Samples">ADC samples, one array per signal in header order.</param>
public sealed record WfdbRecord(WfdbHeader Header, IReadOnlyList<int[]> Samples)
{
    /// <summary>
    /// What the reader found suspicious but not fatal: a first sample or a checksum that differs from the header's
    /// (a wrong format or a corrupted file would show so; converters sometimes write wrong values).
    /// </summary>
    public IReadOnlyList<WfdbError> Warnings { get; init; } = [];

    /// <summary>Samples per signal.</summary>
    public int Length => Samples.Count == 0 ? 0 : Samples[0].Length;

    /// <summary>Writes signal <paramref name="channel"/> in physical units (mV for ECG) into <paramref name="destination"/>.</summary>
    public void CopyPhysical(int channel, int start, Span<float> destination)
    {
        var spec = Header.Signals[channel];
        var adc = Samples[channel].AsSpan(start, destination.Length);
        var scale = 1.0 / spec.Gain;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)((adc[i] - spec.Baseline) * scale);
        }
    }

    /// <summary>Signal <paramref name="channel"/> in physical units as a new array.</summary>
    public float[] ToPhysical(int channel)
    {
        var result = new float[Length];
        CopyPhysical(channel, 0, result);
        return result;
    }

    /// <summary>
    /// <paramref name="length"/> samples of signal <paramref name="channel"/> from <paramref name="start"/> as a waveform
    /// chunk (raw ADC values with the header's gain and baseline as FHIR-style factor and origin, in the signal's units) starting at
    /// <paramref name="startTime"/>: how a device would stream this record.
    /// </summary>
    public WaveformChunk ToChunk(int channel, int start, int length, string deviceId, string? patientId, ObservationCode code, DateTimeOffset startTime)
    {
        var spec = Header.Signals[channel];
        return new WaveformChunk
        {
            DeviceId = deviceId,
            PatientId = patientId,
            Code = code,
            Start = startTime,
            SampleRateHz = Header.SamplingFrequency,
            Gain = 1.0 / spec.Gain,
            Offset = -spec.Baseline / spec.Gain,
            Unit = spec.Units,
            Samples = [.. Samples[channel].AsSpan(start, length)],
        };
    }
}
