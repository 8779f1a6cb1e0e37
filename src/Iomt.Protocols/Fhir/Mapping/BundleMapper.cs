using System.Collections.Immutable;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Maps a transaction or batch Bundle (FHIR R4 §3.1.0.11 http.html#transaction): checks bdl-3 (every entry
/// has a request) and the method of each entry, resolves urn:uuid references between entries, and maps each
/// Observation with <see cref="ObservationMapper"/>. Patient and Device entries are read, not stored.
/// </summary>
public sealed class BundleMapper(ObservationMapper observations)
{
    /// <summary>A bundle mapper over the default Observation mapper.</summary>
    public static BundleMapper Default { get; } = new(ObservationMapper.Default);

    /// <summary>Parses and maps a Bundle from JSON.</summary>
    public FhirResult<BundleMapping> Map(ReadOnlySpan<byte> json)
    {
        var parsed = FhirJson.ParseBundle(json);
        return parsed.IsSuccess ? Map(parsed.Value) : parsed.Issues;
    }

    /// <summary>Maps <paramref name="bundle"/>; fails as a whole only when the Bundle itself is unusable.</summary>
    public FhirResult<BundleMapping> Map(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.Type is not ("transaction" or "batch"))
        {
            return FhirIssue.NotSupported("Bundle.type", $"only transaction and batch Bundles are accepted, found '{bundle.Type ?? "(none)"}'");
        }

        var resolver = new BundleReferenceResolver(bundle);
        var entries = bundle.Entry ?? [];
        var mapped = ImmutableArray.CreateBuilder<BundleEntryMapping>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            mapped.Add(MapEntry(i, entries[i], resolver));
        }

        return FhirResult<BundleMapping>.Ok(new BundleMapping(bundle.Type, mapped.MoveToImmutable()));
    }

    private BundleEntryMapping MapEntry(int index, BundleEntry? entry, BundleReferenceResolver resolver)
    {
        var prefix = $"Bundle.entry[{index}]";
        if (entry?.Resource is not { } resource)
        {
            return Fail(index, "", entry?.FullUrl, FhirIssue.Required($"{prefix}.resource", "entry without a resource"));
        }

        // bdl-3: entry.request mandatory for batch/transaction.
        if (entry.Request is not { } request)
        {
            return Fail(index, resource.ResourceType, entry.FullUrl, FhirIssue.Required($"{prefix}.request", "a transaction or batch entry must have a request (bdl-3)"));
        }

        if (request.Method is not ("POST" or "PUT"))
        {
            return Fail(index, resource.ResourceType, entry.FullUrl, FhirIssue.NotSupported($"{prefix}.request.method", $"only POST and PUT are accepted, found '{request.Method ?? "(none)"}'"));
        }

        switch (resource)
        {
            case Observation observation:
                var result = observations.Map(observation, resolver, entry.FullUrl);
                return result.IsSuccess
                    ? new BundleEntryMapping(index, resource.ResourceType, entry.FullUrl, result.Value, [.. result.Value.Notes.Select(n => Prefix(n, prefix))])
                    : new BundleEntryMapping(index, resource.ResourceType, entry.FullUrl, null, [.. result.Issues.Select(n => Prefix(n, prefix))]);
            case Patient or Device:
                return new BundleEntryMapping(index, resource.ResourceType, entry.FullUrl, null,
                    [FhirIssue.Information($"{prefix}.resource", $"{resource.ResourceType} used to resolve references; not stored")]);
            default:
                return new BundleEntryMapping(index, resource.ResourceType, entry.FullUrl, null,
                    [FhirIssue.Information($"{prefix}.resource", $"{resource.ResourceType} is not stored by this platform")]);
        }
    }

    private static BundleEntryMapping Fail(int index, string type, string? fullUrl, FhirIssue issue) => new(index, type, fullUrl, null, [issue]);

    private static FhirIssue Prefix(FhirIssue issue, string prefix)
    {
        var expression = issue.Expression switch
        {
            null => $"{prefix}.resource",
            var e when e.StartsWith("Observation", StringComparison.Ordinal) => $"{prefix}.resource{e["Observation".Length..]}",
            var e => $"{prefix}.{e}",
        };
        return issue with { Expression = expression };
    }
}
