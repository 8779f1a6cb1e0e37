namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>One signal line of a WFDB header (PhysioNet <c>header(5)</c> "signal specification lines").</summary>
/// <param name="FileName">The signal file (e.g. <c>100.dat</c>).</param>
/// <param name="Format">Storage format (16, 80, 212 are supported).</param>
/// <param name="Gain">ADC units per physical unit; 200 when the header leaves it out or gives 0.</param>
/// <param name="Baseline">ADC value that corresponds to 0 physical units (defaults to <paramref name="AdcZero"/>).</param>
/// <param name="Units">Physical units (mV when absent).</param>
/// <param name="AdcResolution">ADC resolution in bits (0 when absent).</param>
/// <param name="AdcZero">ADC value at the middle of the input range.</param>
/// <param name="InitialValue">First sample value, used as a check (null when absent).</param>
/// <param name="Checksum">16-bit checksum of all samples, used as a check (null when absent).</param>
/// <param name="Description">Signal description (the lead name in MIT-BIH, e.g. <c>MLII</c>).</param>
/// <param name="ByteOffset">Bytes to skip at the start of the signal file (the <c>+offset</c> suffix of the format).</param>
public sealed record WfdbSignalSpec(
    string FileName,
    int Format,
    double Gain,
    int Baseline,
    string Units,
    int AdcResolution,
    int AdcZero,
    int? InitialValue,
    int? Checksum,
    string Description,
    long ByteOffset = 0)
{
    /// <summary>Converts an ADC value to physical units: (adu − baseline) / gain.</summary>
    public double ToPhysical(int adu) => (adu - Baseline) / Gain;

    /// <summary>The factor that takes the physical units to millivolts (<see cref="EcgUnits"/>); 1 when they are not a voltage.</summary>
    public float MillivoltScale => (float)(EcgUnits.MillivoltsPer(Units) ?? 1);

    /// <summary>
    /// The value, in physical units times <paramref name="scale"/>, that invalid samples before the first valid one of
    /// <paramref name="adc"/> hold (<see cref="ToHeldPhysical"/>): that first valid sample's, or 0 when there is none.
    /// </summary>
    public float FirstHeld(ReadOnlySpan<int> adc, float scale)
    {
        var at = adc.IndexOfAnyExcept(InvalidSample);
        var held = 0f;
        if (at >= 0)
        {
            Span<float> value = stackalloc float[1];
            ToHeldPhysical(adc.Slice(at, 1), value, scale, ref held);
        }

        return held;
    }

    /// <summary>
    /// Writes <paramref name="adc"/> in physical units times <paramref name="scale"/> into <paramref name="destination"/>,
    /// ready for analysis: an invalid sample (<see cref="InvalidSample"/>) holds <paramref name="held"/>, the last valid
    /// value, which each valid sample updates. So a lead-off stretch is a flat line rather than a step of the format's
    /// full range, as the server holds a waveform's "E" markers.
    /// </summary>
    public void ToHeldPhysical(ReadOnlySpan<int> adc, Span<float> destination, float scale, ref float held)
    {
        var perUnit = 1.0 / Gain;
        var invalid = InvalidSample;
        for (var i = 0; i < adc.Length; i++)
        {
            if (adc[i] != invalid)
            {
                held = (float)((adc[i] - Baseline) * perUnit);
                if (scale != 1)
                {
                    held *= scale;
                }
            }

            destination[i] = held;
        }
    }

    /// <summary>
    /// The ADC value that marks a sample as invalid (no signal: a lead off, a gap in the recording): the least value the
    /// format can store, as the WFDB library reads it (−2048 in format 212, −32768 in formats 16, 61 and 160, −128 in 80,
    /// −512 in 310 and 311, −2²³ in 24, −2³¹ in 32).
    /// </summary>
    public int InvalidSample => Format switch
    {
        212 => -2048,
        80 => -128,
        310 or 311 => -512,
        24 => -(1 << 23),
        32 => int.MinValue,
        _ => short.MinValue,
    };
}
