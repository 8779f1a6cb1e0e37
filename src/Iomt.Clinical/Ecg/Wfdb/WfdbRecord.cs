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

    /// <summary>
    /// Writes signal <paramref name="channel"/> in physical units (mV for ECG) into <paramref name="destination"/>;
    /// invalid samples (<see cref="WfdbSignalSpec.InvalidSample"/>) come out as NaN.
    /// </summary>
    public void CopyPhysical(int channel, int start, Span<float> destination)
    {
        var spec = Header.Signals[channel];
        var adc = Samples[channel].AsSpan(start, destination.Length);
        var scale = 1.0 / spec.Gain;
        var invalid = spec.InvalidSample;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = adc[i] == invalid ? float.NaN : (float)((adc[i] - spec.Baseline) * scale);
        }
    }

    /// <summary>
    /// <see cref="ToPhysical"/> in millivolts when the signal's units are a voltage (<see cref="EcgUnits"/>: µV and V
    /// are scaled), in its own units otherwise: what the ECG detectors analyse.
    /// </summary>
    public float[] ToMillivolts(int channel) => ToHeld(channel, Header.Signals[channel].MillivoltScale);

    /// <summary>
    /// Signal <paramref name="channel"/> in physical units as a new array, ready for analysis: an invalid sample holds the
    /// last valid value (<see cref="WfdbSignalSpec.ToHeldPhysical"/>; those before the first valid sample take its
    /// value). A signal with no valid sample is all zeros.
    /// </summary>
    public float[] ToPhysical(int channel) => ToHeld(channel, 1);

    private float[] ToHeld(int channel, float scale)
    {
        var spec = Header.Signals[channel];
        var result = new float[Length];
        var held = spec.FirstHeld(Samples[channel], scale);
        spec.ToHeldPhysical(Samples[channel], result, scale, ref held);
        return result;
    }

    /// <summary>How many samples of signal <paramref name="channel"/> are marked invalid.</summary>
    public int InvalidCount(int channel)
    {
        var invalid = Header.Signals[channel].InvalidSample;
        var count = 0;
        foreach (var v in Samples[channel])
        {
            count += v == invalid ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// <paramref name="length"/> samples of signal <paramref name="channel"/> from <paramref name="start"/> as a waveform
    /// chunk (raw ADC values with the header's gain and baseline as FHIR-style factor and origin, in the signal's units) starting at
    /// <paramref name="startTime"/>: how a device would stream this record. An invalid sample
    /// (<see cref="WfdbSignalSpec.InvalidSample"/>) is sent as <see cref="SampledDataMarkers.Error"/>, FHIR SampledData's E.
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
            Samples = [.. Samples[channel].AsSpan(start, length).ToArray().Select(v => v == spec.InvalidSample ? SampledDataMarkers.Error : v)],
        };
    }
}
