namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>A WFDB record held in memory: its header and the ADC samples of each signal.</summary>
/// <param name="Header">The parsed header.</param>
/// <param name="Samples">ADC samples, one array per signal in header order.</param>
public sealed record WfdbRecord(WfdbHeader Header, IReadOnlyList<int[]> Samples)
{
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
}
