namespace Iomt.Server.Api.Registry;

/// <summary>Body of a patient create/replace.</summary>
public sealed record PatientBody(string? Id, string? DisplayName, DateOnly? BirthDate);

/// <summary>Body of a device create/replace.</summary>
public sealed record DeviceBody(string? Id, string? Kind, string? Manufacturer, string? Model);

/// <summary>Body of a device binding: the patient and when it starts (default: now).</summary>
public sealed record BindingBody(string? PatientId, DateTimeOffset? From);
