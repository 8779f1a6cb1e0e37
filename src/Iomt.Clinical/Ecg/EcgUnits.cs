namespace Iomt.Clinical.Ecg;

/// <summary>
/// Converts ECG samples to millivolts, the unit the detectors' absolute limits are in (the QRS detector's largest
/// span of a complex). WFDB headers name units freely (<c>mV</c>, <c>uV</c>, <c>µV</c>); FHIR
/// SampledData uses UCUM (<c>mV</c>, <c>uV</c>, <c>V</c>).
/// </summary>
public static class EcgUnits
{
    /// <summary>Millivolts per unit of <paramref name="unit"/>; null for a unit that is not a voltage.</summary>
    public static double? MillivoltsPer(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Trim() switch
        {
            "mV" or "mv" or "MV" or "millivolt" or "millivolts" => 1,
            "uV" or "µV" or "μV" or "uv" or "microvolt" or "microvolts" => 0.001,
            "nV" => 1e-6,
            "V" or "v" or "volt" or "volts" => 1000,
            _ => null,
        };
    }
}
