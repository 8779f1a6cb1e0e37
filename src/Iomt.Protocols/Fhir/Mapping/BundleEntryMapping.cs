using System.Collections.Immutable;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// One Bundle entry after mapping: the Observation's readings, or the errors that stop it (paths prefixed with
/// <c>Bundle.entry[i].resource</c>), or notes for entries the platform only reads (Patient, Device) or does not store.
/// </summary>
public sealed record BundleEntryMapping(int Index, string ResourceType, string? FullUrl, MappedObservation? Observation, ImmutableArray<FhirIssue> Issues)
{
    /// <summary>True when the entry has an error.</summary>
    public bool IsError => Issues.Any(i => i.IsError);
}
