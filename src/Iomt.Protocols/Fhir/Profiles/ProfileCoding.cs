namespace Iomt.Protocols.Fhir.Profiles;

/// <summary>A coding a profile fixes (fixedUri on system + fixedCode on code of one slice).</summary>
public sealed record ProfileCoding(string System, string Code);
