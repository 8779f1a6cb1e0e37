namespace Iomt.Core.Patients;

/// <summary>A patient known to the platform by a pseudonymous id; identifying fields are optional.</summary>
public sealed record Patient(string Id, string? DisplayName = null, DateOnly? BirthDate = null, DateTimeOffset? CreatedAt = null);
