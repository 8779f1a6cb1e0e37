namespace Iomt.Core.Measurements;

/// <summary>Well-known code system URIs used for measurement codes.</summary>
public static class CodeSystems
{
    /// <summary>LOINC, used for vital signs where a code exists.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>IEEE 11073-10101 nomenclature (MDC), used where LOINC has no code.</summary>
    public const string Mdc = "urn:iso:std:iso:11073:10101";

    /// <summary>OpenIoMT's own codes for environment and device-status quantities with no standard code.</summary>
    public const string OpenIomt = "https://openiomt.org/codes";
}
