using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace Iomt.Protocols.Fhir.Profiles;

/// <summary>
/// The vital-signs profiles and the ucum-vitals-common value set, read from StructureDefinition-*.json and
/// ValueSet-ucum-vitals-common.json (the hl7.fhir.r4.core files). An explicit file reader: the only I/O here.
/// </summary>
public sealed class VitalSignsProfileSet
{
    private readonly FrozenDictionary<string, VitalSignsProfile> _byUrl;

    /// <summary>Creates a set from loaded profiles and the UCUM codes of the vital-signs value set.</summary>
    public VitalSignsProfileSet(IEnumerable<VitalSignsProfile> profiles, IEnumerable<string> vitalSignUnits)
    {
        _byUrl = profiles.ToFrozenDictionary(p => p.Url, StringComparer.Ordinal);
        VitalSignUnits = vitalSignUnits.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The profiles by canonical URL.</summary>
    public IReadOnlyDictionary<string, VitalSignsProfile> Profiles => _byUrl;

    /// <summary>The codes of ValueSet ucum-vitals-common.</summary>
    public FrozenSet<string> VitalSignUnits { get; }

    /// <summary>Reads every StructureDefinition-*.json with an Observation snapshot and the UCUM value set in <paramref name="folder"/>.</summary>
    public static VitalSignsProfileSet Load(string folder)
    {
        var profiles = ImmutableArray.CreateBuilder<VitalSignsProfile>();
        foreach (var file in Directory.GetFiles(folder, "StructureDefinition-*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.TryGetProperty("type", out var type) && type.GetString() == "Observation")
            {
                profiles.Add(VitalSignsProfile.FromStructureDefinition(doc.RootElement));
            }
        }

        using var valueSet = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "ValueSet-ucum-vitals-common.json")));
        var units = valueSet.RootElement.GetProperty("compose").GetProperty("include").EnumerateArray()
            .SelectMany(i => i.TryGetProperty("concept", out var c) ? c.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(c => c.GetProperty("code").GetString()!)
            .ToList();
        return new VitalSignsProfileSet(profiles.ToImmutable(), units);
    }

    /// <summary>The profile with <paramref name="url"/>, or null.</summary>
    public VitalSignsProfile? Find(string url) => _byUrl.GetValueOrDefault(url);
}
