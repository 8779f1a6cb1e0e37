using System.Collections.Frozen;

namespace Iomt.Protocols.Fhir.Outbound;

/// <summary>
/// Which R4 vital-signs profile an outbound Observation of a LOINC code claims, and the LOINC code that profile
/// fixes when our code is a more specific one (e.g. oxygensat fixes 2708-6, so 59408-5 is sent beside it).
/// </summary>
public static class VitalSignProfileMap
{
    /// <summary>Base URL of the R4 core profiles.</summary>
    public const string Base = "http://hl7.org/fhir/StructureDefinition/";

    /// <summary>The base vital-signs profile.</summary>
    public const string VitalSigns = Base + "vitalsigns";

    private static readonly FrozenDictionary<string, (string Profile, string FixedCode, string FixedDisplay)> ByLoinc =
        new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
        {
            ["8867-4"] = ("heartrate", "8867-4", "Heart rate"),
            ["8889-8"] = ("heartrate", "8867-4", "Heart rate"),
            ["60978-4"] = ("heartrate", "8867-4", "Heart rate"),
            ["9279-1"] = ("resprate", "9279-1", "Respiratory rate"),
            ["8310-5"] = ("bodytemp", "8310-5", "Body temperature"),
            ["8331-1"] = ("bodytemp", "8310-5", "Body temperature"),
            ["29463-7"] = ("bodyweight", "29463-7", "Body weight"),
            ["8302-2"] = ("bodyheight", "8302-2", "Body height"),
            ["2708-6"] = ("oxygensat", "2708-6", "Oxygen saturation in Arterial blood"),
            ["59408-5"] = ("oxygensat", "2708-6", "Oxygen saturation in Arterial blood"),
            ["39156-5"] = ("bmi", "39156-5", "Body mass index (BMI) [Ratio]"),
            ["9843-4"] = ("headcircum", "9843-4", "Head Occipital-frontal circumference"),
            ["85354-9"] = ("bp", "85354-9", "Blood pressure panel with all children optional"),
            ["85353-1"] = ("vitalspanel", "85353-1", "Vital signs, weight, height, head circumference, oxygen saturation and BMI panel"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The specific profile URL and fixed code for <paramref name="loinc"/>, if one applies.</summary>
    public static bool TryGet(string loinc, out string profileUrl, out string fixedCode, out string fixedDisplay)
    {
        if (ByLoinc.TryGetValue(loinc, out var entry))
        {
            (profileUrl, fixedCode, fixedDisplay) = (Base + entry.Profile, entry.FixedCode, entry.FixedDisplay);
            return true;
        }

        (profileUrl, fixedCode, fixedDisplay) = (VitalSigns, "", "");
        return false;
    }
}
