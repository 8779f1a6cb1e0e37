using System.Text.RegularExpressions;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>What a WFDB signal description says the signal is.</summary>
public enum SignalKind
{
    /// <summary>The description does not say (empty, or a name not known here).</summary>
    Unknown,

    /// <summary>An ECG lead: <c>ECG</c>, <c>EKG</c>, a limb, augmented or chest lead, a modified or bipolar lead.</summary>
    Ecg,

    /// <summary>Another signal: pressure, respiration, plethysmogram, EEG/EMG/EOG, and the like.</summary>
    Other,
}

/// <summary>
/// Reads the kind of signal from the descriptions PhysioNet databases give their signals (<c>MLII</c>, <c>V5</c>,
/// <c>ECG1</c>, <c>II</c>, <c>ABP</c>, <c>RESP</c>, <c>PLETH</c>, <c>C4-A1</c>, …), so a record whose first signal is
/// not an ECG is not analysed as one without a word.
/// </summary>
public static partial class SignalNames
{
    /// <summary>The kind of signal <paramref name="description"/> names.</summary>
    public static SignalKind Classify(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = description.Trim();
        if (text.Length == 0)
        {
            return SignalKind.Unknown;
        }

        if (EcgWord().IsMatch(text) || EcgLead().IsMatch(text))
        {
            return SignalKind.Ecg;
        }

        return OtherWord().IsMatch(text) ? SignalKind.Other : SignalKind.Unknown;
    }

    // "ECG", "EKG" anywhere as a word start (ECG1, ECG lead II, EKG-2).
    [GeneratedRegex(@"(^|[^A-Za-z])(ECG|EKG)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EcgWord();

    // A lead name alone, optionally after "lead": I, II, III, aVR/aVL/aVF (also inverted, -aVR), V, V1–V9, modified
    // (MLI, MLII, MLIII, ML), chest monitoring (CM5, MCL1), Holter bipolar (D1–D3, CC5), and the like.
    [GeneratedRegex(@"^(lead\s*)?-?(I{1,3}|aV[RLF]|V\d?R?|ML(I{1,3})?|M?CM?L?\d|D\d|CC\d|CS\d|CM\d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EcgLead();

    // Pressures, flows, respiration, oximetry, temperature, and EEG/EMG/EOG with their electrode names (C4-A1, Fp1).
    [GeneratedRegex(@"^(ABP|ART|AOBP|PAP|CVP|ICP|LAP|RAP|UAP|NBP|BP|RESP|PLETH|PPG|SPO2|SAO2|SO2|CO2|ETCO2|FLOW|AIRFLOW|THOR|ABDO?|TEMP|PRESS|PULSE|EEG|EMG|EOG|Fp?\d|[CFOPT]\d?z?-[AM]\d|[CFOPT]\d-[CFOPT]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherWord();
}
