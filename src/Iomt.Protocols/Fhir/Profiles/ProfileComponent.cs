namespace Iomt.Protocols.Fhir.Profiles;

/// <summary>A component slice of a profile (e.g. bp SystolicBP): its fixed code, minimum count and fixed unit.</summary>
public sealed record ProfileComponent(string SliceName, ProfileCoding Code, int Min, string? FixedUnitSystem, string? FixedUnitCode);
