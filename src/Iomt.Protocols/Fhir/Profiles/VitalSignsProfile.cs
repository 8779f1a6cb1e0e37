using System.Collections.Immutable;
using System.Text.Json;

namespace Iomt.Protocols.Fhir.Profiles;

/// <summary>
/// The rules of one vital-signs StructureDefinition (FHIR R4 §4.1.0 vitalsigns and its children) that the
/// <see cref="ProfileChecker"/> enforces, read from the snapshot: min cardinalities of top-level elements and of
/// valueQuantity parts, fixed codings of category/code slices, component slices with fixed codes and units, and
/// the UCUM value-set binding of component values.
/// </summary>
public sealed record VitalSignsProfile
{
    /// <summary>Canonical URL.</summary>
    public required string Url { get; init; }

    /// <summary>Short name (the id, e.g. "heartrate").</summary>
    public required string Name { get; init; }

    /// <summary>Top-level elements with min ≥ 1, e.g. "subject", "effective[x]".</summary>
    public ImmutableArray<string> RequiredElements { get; init; } = [];

    /// <summary>Codings that must appear in Observation.category.</summary>
    public ImmutableArray<ProfileCoding> RequiredCategories { get; init; } = [];

    /// <summary>Codings that must appear in Observation.code.coding.</summary>
    public ImmutableArray<ProfileCoding> RequiredCodes { get; init; } = [];

    /// <summary>valueQuantity parts with min ≥ 1 ("value", "unit", "system", "code").</summary>
    public ImmutableArray<string> RequiredQuantityParts { get; init; } = [];

    /// <summary>Fixed valueQuantity.system, if any.</summary>
    public string? FixedUnitSystem { get; init; }

    /// <summary>Fixed valueQuantity.code, if any.</summary>
    public string? FixedUnitCode { get; init; }

    /// <summary>Minimum number of components.</summary>
    public int MinComponents { get; init; }

    /// <summary>Component slices.</summary>
    public ImmutableArray<ProfileComponent> Components { get; init; } = [];

    /// <summary>True when component values are bound to the UCUM vital-signs value set.</summary>
    public bool ComponentUnitsBound { get; init; }

    /// <summary>Reads the rules from a StructureDefinition JSON document.</summary>
    public static VitalSignsProfile FromStructureDefinition(JsonElement sd)
    {
        var elements = sd.GetProperty("snapshot").GetProperty("element").EnumerateArray().ToList();
        string? Fixed(string id, string kind) =>
            elements.FirstOrDefault(e => Id(e) == id) is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(kind, out var v) ? v.GetString() : null;

        var required = elements
            .Where(e => Min(e) >= 1 && Id(e).Count(c => c == '.') == 1 && !Id(e).Contains(':', StringComparison.Ordinal))
            .Select(e => Id(e)["Observation.".Length..]).Distinct().ToImmutableArray();

        ImmutableArray<ProfileCoding> SliceCodings(string prefix) =>
            [.. elements.Select(Id)
                .Where(id => id.StartsWith(prefix, StringComparison.Ordinal) && id.EndsWith(".code", StringComparison.Ordinal) && id.Count(c => c == ':') == prefix.Count(c => c == ':'))
                .Select(id => (Code: Fixed(id, "fixedCode"), System: Fixed(id[..^".code".Length] + ".system", "fixedUri")))
                .Where(p => p.Code is not null && p.System is not null)
                .Select(p => new ProfileCoding(p.System!, p.Code!))];

        var quantityParts = elements.Select(Id)
            .Where(id => id.StartsWith("Observation.value[x]:valueQuantity.", StringComparison.Ordinal))
            .Where(id => Min(elements.First(e => Id(e) == id)) >= 1)
            .Select(id => id["Observation.value[x]:valueQuantity.".Length..]).ToImmutableArray();

        var components = elements
            .Where(e => Id(e).StartsWith("Observation.component:", StringComparison.Ordinal) && Id(e).Count(c => c == '.') == 1)
            .Select(e =>
            {
                var slice = Id(e);
                var codes = SliceCodings($"{slice}.code.coding:");
                return codes.IsEmpty ? null : new ProfileComponent(slice["Observation.component:".Length..], codes[0], Min(e), Fixed($"{slice}.value[x].system", "fixedUri"), Fixed($"{slice}.value[x].code", "fixedCode"));
            })
            .OfType<ProfileComponent>().ToImmutableArray();

        var componentValue = elements.FirstOrDefault(e => Id(e) == "Observation.component.value[x]");
        return new VitalSignsProfile
        {
            Url = sd.GetProperty("url").GetString()!,
            Name = sd.GetProperty("id").GetString()!,
            RequiredElements = required,
            RequiredCategories = SliceCodings("Observation.category:"),
            RequiredCodes = SliceCodings("Observation.code.coding:"),
            RequiredQuantityParts = quantityParts,
            FixedUnitSystem = Fixed("Observation.value[x]:valueQuantity.system", "fixedUri"),
            FixedUnitCode = Fixed("Observation.value[x]:valueQuantity.code", "fixedCode"),
            MinComponents = elements.FirstOrDefault(e => Id(e) == "Observation.component") is { ValueKind: JsonValueKind.Object } c ? Min(c) : 0,
            Components = components,
            ComponentUnitsBound = componentValue.ValueKind == JsonValueKind.Object && componentValue.TryGetProperty("binding", out var b)
                && b.TryGetProperty("valueSet", out var vs) && vs.GetString()!.Contains("ucum-vitals-common", StringComparison.Ordinal),
        };
    }

    private static string Id(JsonElement e) => e.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";

    private static int Min(JsonElement e) => e.TryGetProperty("min", out var min) && min.ValueKind == JsonValueKind.Number ? min.GetInt32() : 0;
}
