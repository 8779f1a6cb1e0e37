using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Picks the coding of a CodeableConcept the platform stores: a catalogue LOINC code first, then a catalogue
/// MDC or OpenIoMT code, then any LOINC, then any MDC, then any OpenIoMT code (its own codes where no standard one
/// exists, e.g. <c>https://openiomt.org/codes|acceleration</c> or room temperature). The OID forms of LOINC (2.16.840.1.113883.6.1) and MDC
/// (2.16.840.1.113883.6.24, used by the R4 ECG example) are normalised to the URIs in <see cref="CodeSystems"/>.
/// </summary>
public static class FhirCodeSelector
{
    /// <summary>OID URI of LOINC.</summary>
    public const string LoincOid = "urn:oid:2.16.840.1.113883.6.1";

    /// <summary>OID URI of IEEE 11073-10101 (MDC).</summary>
    public const string MdcOid = "urn:oid:2.16.840.1.113883.6.24";

    /// <summary>The chosen code, or null when no LOINC, MDC or OpenIoMT coding exists.</summary>
    public static ObservationCode? Select(CodeableConcept? concept, VitalSignCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (concept?.Coding is not { Count: > 0 } codings)
        {
            return null;
        }

        ObservationCode? anyLoinc = null, anyMdc = null, anyOwn = null, catalogueOther = null;
        foreach (var coding in codings)
        {
            if (coding?.Code is not { Length: > 0 } code || Normalize(coding.System) is not { } system)
            {
                continue;
            }

            var candidate = new ObservationCode(system, code);
            var known = catalogue.TryGet(candidate, out _);
            if (system == CodeSystems.Loinc)
            {
                if (known)
                {
                    return candidate;
                }

                anyLoinc ??= candidate;
            }
            else
            {
                if (known)
                {
                    catalogueOther ??= candidate;
                }

                if (system == CodeSystems.Mdc)
                {
                    anyMdc ??= candidate;
                }
                else
                {
                    anyOwn ??= candidate;
                }
            }
        }

        return catalogueOther ?? anyLoinc ?? anyMdc ?? anyOwn;
    }

    /// <summary>The platform's URI for a LOINC, MDC or OpenIoMT system, or null for other systems.</summary>
    public static string? Normalize(string? system) => system switch
    {
        CodeSystems.Loinc or LoincOid => CodeSystems.Loinc,
        CodeSystems.Mdc or MdcOid => CodeSystems.Mdc,
        CodeSystems.OpenIomt => CodeSystems.OpenIomt,
        _ => null,
    };
}
