using Iomt.Core.Patients;

namespace Iomt.Storage;

/// <summary>Patients, devices and the device-to-patient bindings over time.</summary>
public interface IRegistryStore
{
    /// <summary>Creates or replaces a patient.</summary>
    Task UpsertPatientAsync(Patient patient, CancellationToken cancellationToken);

    /// <summary>A patient by id, or null.</summary>
    Task<Patient?> GetPatientAsync(string id, CancellationToken cancellationToken);

    /// <summary>All patients ordered by id.</summary>
    Task<IReadOnlyList<Patient>> ListPatientsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a patient; false when absent. Stored readings are kept (pseudonymous).</summary>
    Task<bool> DeletePatientAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a device.</summary>
    Task UpsertDeviceAsync(Device device, CancellationToken cancellationToken);

    /// <summary>A device by id, or null.</summary>
    Task<Device?> GetDeviceAsync(string id, CancellationToken cancellationToken);

    /// <summary>All devices ordered by id.</summary>
    Task<IReadOnlyList<Device>> ListDevicesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a device and its bindings; false when absent.</summary>
    Task<bool> DeleteDeviceAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Binds a device to a patient from <paramref name="from"/>; an open binding of the device is closed at
    /// <paramref name="from"/> first (a device is worn by one patient at a time).
    /// </summary>
    Task BindAsync(string deviceId, string patientId, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Closes the device's open binding at <paramref name="at"/>; false when it had none.</summary>
    Task<bool> UnbindAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every binding (all devices), oldest first; ingestion caches these.</summary>
    Task<IReadOnlyList<DeviceBinding>> ListBindingsAsync(CancellationToken cancellationToken);
}
