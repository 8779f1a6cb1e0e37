namespace Iomt.Core.Patients;

/// <summary>
/// A device worn by or assigned to a patient over a time range [<see cref="From"/>, <see cref="To"/>);
/// a device moves between patients by closing one binding and opening another.
/// </summary>
public sealed record DeviceBinding(string DeviceId, string PatientId, DateTimeOffset From, DateTimeOffset? To = null)
{
    /// <summary>True when the binding covers <paramref name="time"/>.</summary>
    public bool Covers(DateTimeOffset time) => time >= From && (To is null || time < To.Value);
}
