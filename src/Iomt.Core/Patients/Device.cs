namespace Iomt.Core.Patients;

/// <summary>A registered device (cuff, oximeter, monitor, gateway...).</summary>
public sealed record Device(string Id, string? Kind = null, string? Manufacturer = null, string? Model = null, DateTimeOffset? CreatedAt = null);
