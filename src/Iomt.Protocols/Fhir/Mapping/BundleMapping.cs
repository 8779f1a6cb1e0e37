using System.Collections.Immutable;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>A transaction or batch Bundle after mapping, entry by entry.</summary>
public sealed record BundleMapping(string Type, ImmutableArray<BundleEntryMapping> Entries)
{
    /// <summary>True for a transaction (all-or-nothing), false for a batch.</summary>
    public bool IsTransaction => Type == "transaction";

    /// <summary>Every error of every entry.</summary>
    public IEnumerable<FhirIssue> Errors => Entries.SelectMany(e => e.Issues).Where(i => i.IsError);
}
