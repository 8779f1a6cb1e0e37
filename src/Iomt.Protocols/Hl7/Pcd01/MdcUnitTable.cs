using System.Collections.Frozen;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// MDC unit code (partition 4, DIM) → UCUM, for OBX-6 values sent as MDC (e.g. <c>266016^MDC_DIM_MMHG^MDC</c>).
/// Codes from IEEE 11073-10101 as cross-checked in the PCD-01 test set; UCUM spellings from the FHIR
/// ucum-vitals-common value set.
/// </summary>
public static class MdcUnitTable
{
    private static readonly FrozenDictionary<int, (string RefId, string Ucum)> ByCode = new Dictionary<int, (string, string)>
    {
        [266016] = ("MDC_DIM_MMHG", "mm[Hg]"),
        [265987] = ("MDC_DIM_KILO_PASCAL", "kPa"),
        [264864] = ("MDC_DIM_BEAT_PER_MIN", "/min"),
        [264928] = ("MDC_DIM_RESP_PER_MIN", "/min"),
        [262688] = ("MDC_DIM_PERCENT", "%"),
        [268192] = ("MDC_DIM_DEGC", "Cel"),
        [266560] = ("MDC_DIM_FAHR", "[degF]"),
        [266418] = ("MDC_DIM_MILLI_VOLT", "mV"),
        [263875] = ("MDC_DIM_KILO_G", "kg"),
        [263441] = ("MDC_DIM_CENTI_M", "cm"),
        [264096] = ("MDC_DIM_KG_PER_M_SQ", "kg/m2"),
        [262656] = ("MDC_DIM_DIMLESS", "1"),
    }.ToFrozenDictionary();

    /// <summary>Every supported unit: MDC code, reference id, UCUM.</summary>
    public static IEnumerable<(int Mdc, string RefId, string Ucum)> All => ByCode.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.RefId, p.Value.Ucum));

    /// <summary>Finds the UCUM code of an MDC unit code.</summary>
    public static bool TryGetUcum(int mdc, out string ucum)
    {
        var found = ByCode.TryGetValue(mdc, out var v);
        ucum = found ? v.Ucum : "";
        return found;
    }
}
