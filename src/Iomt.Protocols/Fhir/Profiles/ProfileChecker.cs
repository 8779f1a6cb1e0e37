using System.Collections.Immutable;
using Iomt.Protocols.Fhir.Model;
using Iomt.Protocols.Fhir.Terminology;

namespace Iomt.Protocols.Fhir.Profiles;

/// <summary>
/// Checks an Observation against the vital-signs profile rules held in <see cref="VitalSignsProfile"/>: required
/// elements, fixed category and code codings, valueQuantity parts with fixed system/code, component slices, and
/// component units in ucum-vitals-common. Invariants vs-1..vs-3 (FHIRPath) are not evaluated beyond what the
/// element rules imply.
/// </summary>
public sealed class ProfileChecker(VitalSignsProfileSet profiles)
{
    /// <summary>Issues of <paramref name="observation"/> against every profile it claims in meta.profile (and the base vitalsigns profile).</summary>
    public ImmutableArray<FhirIssue> CheckClaimedProfiles(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var issues = ImmutableArray.CreateBuilder<FhirIssue>();
        foreach (var url in observation.Meta?.Profile ?? [])
        {
            if (profiles.Find(url) is { } profile)
            {
                issues.AddRange(Check(observation, profile));
            }
            else
            {
                issues.Add(FhirIssue.NotSupported("Observation.meta.profile", $"unknown profile {url}"));
            }
        }

        return issues.ToImmutable();
    }

    /// <summary>Issues of <paramref name="o"/> against <paramref name="profile"/>; empty when it conforms.</summary>
    public ImmutableArray<FhirIssue> Check(Observation o, VitalSignsProfile profile)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(profile);
        var issues = ImmutableArray.CreateBuilder<FhirIssue>();
        foreach (var element in profile.RequiredElements)
        {
            if (!HasElement(o, element))
            {
                issues.Add(FhirIssue.Required($"Observation.{element}", $"required by {profile.Name} (min 1)"));
            }
        }

        foreach (var category in profile.RequiredCategories)
        {
            if (!(o.Category ?? []).Any(c => HasCoding(c, category)))
            {
                issues.Add(FhirIssue.Value("Observation.category", $"{profile.Name} requires category {category.System}|{category.Code}"));
            }
        }

        foreach (var code in profile.RequiredCodes)
        {
            if (!HasCoding(o.Code, code))
            {
                issues.Add(FhirIssue.Value("Observation.code.coding", $"{profile.Name} requires coding {code.System}|{code.Code}"));
            }
        }

        if (!profile.RequiredQuantityParts.IsEmpty)
        {
            CheckQuantity(o.ValueQuantity, "Observation.valueQuantity", profile, issues);
        }

        CheckComponents(o, profile, issues);
        return issues.ToImmutable();
    }

    private void CheckQuantity(Quantity? q, string path, VitalSignsProfile profile, ImmutableArray<FhirIssue>.Builder issues)
    {
        if (q is null)
        {
            issues.Add(FhirIssue.Required(path, $"{profile.Name} requires valueQuantity"));
            return;
        }

        foreach (var part in profile.RequiredQuantityParts)
        {
            var present = part switch
            {
                "value" => q.Value is not null,
                "unit" => !string.IsNullOrEmpty(q.Unit),
                "system" => !string.IsNullOrEmpty(q.System),
                "code" => !string.IsNullOrEmpty(q.Code),
                _ => true,
            };
            if (!present)
            {
                issues.Add(FhirIssue.Required($"{path}.{part}", $"required by {profile.Name}"));
            }
        }

        if (profile.FixedUnitSystem is { } system && q.System != system)
        {
            issues.Add(FhirIssue.Value($"{path}.system", $"{profile.Name} fixes the unit system to {system}"));
        }

        if (profile.FixedUnitCode is { } code)
        {
            if (q.Code != code)
            {
                issues.Add(FhirIssue.Value($"{path}.code", $"{profile.Name} fixes the unit to '{code}', found '{q.Code}'"));
            }
        }
        else if (q.Code is { } unit && !profiles.VitalSignUnits.Contains(unit))
        {
            // The child profiles without a fixed unit (bodytemp, bodyweight, ...) bind narrower subsets of this value set.
            issues.Add(FhirIssue.CodeInvalid($"{path}.code", $"'{unit}' is not in ValueSet ucum-vitals-common"));
        }
    }

    private void CheckComponents(Observation o, VitalSignsProfile profile, ImmutableArray<FhirIssue>.Builder issues)
    {
        var components = o.Component ?? [];
        if (components.Count < profile.MinComponents)
        {
            issues.Add(FhirIssue.Required("Observation.component", $"{profile.Name} requires at least {profile.MinComponents} components"));
        }

        foreach (var slice in profile.Components)
        {
            var matching = components.Select((c, i) => (c, i)).Where(x => HasCoding(x.c.Code, slice.Code)).ToList();
            if (matching.Count < slice.Min)
            {
                issues.Add(FhirIssue.Required("Observation.component", $"{profile.Name} requires component {slice.SliceName} ({slice.Code.Code})"));
            }

            foreach (var (c, i) in matching)
            {
                var q = c.ValueQuantity;
                if (q is null)
                {
                    continue; // value[x] is 0..1 in the slice (vs-3 allows a dataAbsentReason instead)
                }

                if (slice.FixedUnitSystem is { } system && q.System != system)
                {
                    issues.Add(FhirIssue.Value($"Observation.component[{i}].valueQuantity.system", $"{slice.SliceName} fixes the unit system to {system}"));
                }

                if (slice.FixedUnitCode is { } code && q.Code != code)
                {
                    issues.Add(FhirIssue.Value($"Observation.component[{i}].valueQuantity.code", $"{slice.SliceName} fixes the unit to '{code}'"));
                }
            }
        }

        if (!profile.ComponentUnitsBound)
        {
            return;
        }

        for (var i = 0; i < components.Count; i++)
        {
            if (components[i].Code is null)
            {
                issues.Add(FhirIssue.Required($"Observation.component[{i}].code", $"required by {profile.Name}"));
            }

            if (components[i].ValueQuantity is { Code: var unit } && (unit is null || !profiles.VitalSignUnits.Contains(unit) || !UcumSyntax.IsValid(unit)))
            {
                issues.Add(FhirIssue.CodeInvalid($"Observation.component[{i}].valueQuantity.code", $"'{unit}' is not in ValueSet ucum-vitals-common"));
            }
        }
    }

    private static bool HasCoding(CodeableConcept? concept, ProfileCoding coding) =>
        concept?.Coding?.Any(c => c?.System == coding.System && c.Code == coding.Code) == true;

    private static bool HasElement(Observation o, string element) => element switch
    {
        "status" => o.Status is not null,
        "category" => o.Category is { Count: > 0 },
        "code" => o.Code is not null,
        "subject" => o.Subject is not null,
        "effective[x]" => o.EffectiveDateTime is not null || o.EffectivePeriod is not null || o.EffectiveInstant is not null || o.EffectiveTiming is not null,
        "component" => o.Component is { Count: > 0 },
        _ => true,
    };
}
