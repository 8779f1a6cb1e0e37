using Iomt.Core.Measurements;

namespace Iomt.Core.Waveforms;

/// <summary>Codes of the waveforms the platform analyses.</summary>
public static class WaveformCodes
{
    /// <summary>MDC_ECG_ELEC_POTL_II, ECG lead II.</summary>
    public static readonly ObservationCode EcgLeadII = ObservationCode.Mdc("131330");

    /// <summary>
    /// Tri-axial acceleration of a body-worn sensor: one SampledData with <c>dimensions</c> 3 (x, y, z interleaved,
    /// channels 0–2), in <c>[g]</c> or <c>m/s2</c>. No standard code covers it (neither LOINC nor ISO/IEEE 11073-10101
    /// has one for a wearable's raw three axes), so it is OpenIoMT's own.
    /// </summary>
    public static readonly ObservationCode Acceleration = new(CodeSystems.OpenIomt, "acceleration");

    private const int FirstEcgLead = 131328;
    private const int LastEcgLead = 131455;

    /// <summary>
    /// The ECG lead potentials: MDC_ECG_ELEC_POTL and its leads, MDC codes 131328–131455 (ISO/IEEE 11073-10101
    /// partition 2, 0x20100 + lead number), in code order.
    /// </summary>
    public static IReadOnlyList<ObservationCode> EcgLeads { get; } =
        [.. Enumerable.Range(FirstEcgLead, LastEcgLead - FirstEcgLead + 1).Select(n => ObservationCode.Mdc(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>True for one of the <see cref="EcgLeads"/>.</summary>
    public static bool IsEcgLead(ObservationCode code) =>
        code.System == CodeSystems.Mdc
        && code.Code.Length == 6
        && int.TryParse(code.Code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n is >= FirstEcgLead and <= LastEcgLead;
}
