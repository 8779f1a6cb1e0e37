using System.Collections.Frozen;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// MDC metric → stored code. Codes and LOINC mappings follow the verified table of the PCD-01 test set
/// (shared/data/hl7v2-pcd01/README.md: IEEE 11073-10101 term codes cross-checked against several sources;
/// the LOINC/IEEE mapping table and NIST RTMMS are the authorities). A context-free code is
/// partition × 65536 + term (partition 2 = SCADA).
/// </summary>
public static class MdcObservationTable
{
    private static readonly FrozenDictionary<int, MdcObservationEntry> ByCode = Entries().ToFrozenDictionary(e => e.Mdc);

    /// <summary>Every supported metric.</summary>
    public static IEnumerable<MdcObservationEntry> All => ByCode.Values.OrderBy(e => e.Mdc);

    /// <summary>Finds the entry of an MDC code.</summary>
    public static bool TryGet(int mdc, out MdcObservationEntry entry) => ByCode.TryGetValue(mdc, out entry!);

    private static IEnumerable<MdcObservationEntry> Entries()
    {
        static ObservationCode L(string c) => ObservationCode.Loinc(c);
        var hr = L("8867-4");
        var sys = L("8480-6");
        var dia = L("8462-4");
        var mean = L("8478-0");
        var rr = L("9279-1");

        // Non-invasive blood pressure and its pulse (PHD IG: cuff pulse 149546 → 8867-4).
        yield return new(150021, "MDC_PRESS_BLD_NONINV_SYS", sys);
        yield return new(150022, "MDC_PRESS_BLD_NONINV_DIA", dia);
        yield return new(150023, "MDC_PRESS_BLD_NONINV_MEAN", mean);
        yield return new(149546, "MDC_PULS_RATE_NON_INV", hr);

        // Generic blood pressure (MII ICU module: 150017/18/19 ↔ 8480-6/8462-4/8478-0).
        yield return new(150017, "MDC_PRESS_BLD_SYS", sys);
        yield return new(150018, "MDC_PRESS_BLD_DIA", dia);
        yield return new(150019, "MDC_PRESS_BLD_MEAN", mean);

        // Pulse oximetry: the method-specific LOINC plus the FHIR vital-signs code.
        yield return new(150456, "MDC_PULS_OXIM_SAT_O2", L("59408-5"), L("2708-6"));
        yield return new(149530, "MDC_PULS_OXIM_PULS_RATE", L("8889-8"), hr);

        // ECG.
        yield return new(147842, "MDC_ECG_HEART_RATE", hr);
        yield return new(131841, "MDC_ECG_AMPL_ST_I", ObservationCode.Mdc("131841"));
        yield return new(131842, "MDC_ECG_AMPL_ST_II", ObservationCode.Mdc("131842"));
        yield return new(148065, "MDC_ECG_V_P_C_CNT", ObservationCode.Mdc("148065"));

        // Respiration rate by any method.
        yield return new(151562, "MDC_RESP_RATE", rr);
        yield return new(151578, "MDC_TTHOR_RESP_RATE", rr);
        yield return new(151594, "MDC_CO2_RESP_RATE", rr);

        // Temperature.
        yield return new(150364, "MDC_TEMP_BODY", L("8310-5"));
        yield return new(188424, "MDC_TEMP_ORAL", L("8331-1"), L("8310-5"));

        // Invasive arterial pressure (ABP and generic arterial labels) and invasive pulse rate.
        yield return new(150037, "MDC_PRESS_BLD_ART_ABP_SYS", L("76215-3"), sys);
        yield return new(150038, "MDC_PRESS_BLD_ART_ABP_DIA", L("76213-8"), dia);
        yield return new(150039, "MDC_PRESS_BLD_ART_ABP_MEAN", mean);
        yield return new(150033, "MDC_PRESS_BLD_ART_SYS", L("76215-3"), sys);
        yield return new(150034, "MDC_PRESS_BLD_ART_DIA", L("76213-8"), dia);
        yield return new(150035, "MDC_PRESS_BLD_ART_MEAN", mean);
        yield return new(149522, "MDC_BLD_PULS_RATE_INV", L("60978-4"), hr);

        // Pulmonary artery pressure.
        yield return new(150045, "MDC_PRESS_BLD_ART_PULM_SYS", L("8440-0"));
        yield return new(150046, "MDC_PRESS_BLD_ART_PULM_DIA", L("8385-7"));
        yield return new(150047, "MDC_PRESS_BLD_ART_PULM_MEAN", L("8414-5"));

        // End-tidal CO2 partial pressure: the MDC term and the two variants seen in real feeds (README note 4).
        yield return new(151708, "MDC_CONC_AWAY_CO2_ET", L("19891-1"));
        yield return new(151728, "MDC_AWAY_CO2_ET", L("19891-1"));
        yield return new(151928, "MDC_VENT_AWAY_CO2_ET", L("19891-1"));

        // Body measurements (Continua weighing scale).
        yield return new(188736, "MDC_MASS_BODY_ACTUAL", L("29463-7"));
        yield return new(188740, "MDC_LEN_BODY_ACTUAL", L("8302-2"));
        yield return new(188752, "MDC_RATIO_MASS_BODY_LEN_SQ", L("39156-5"));
    }
}
