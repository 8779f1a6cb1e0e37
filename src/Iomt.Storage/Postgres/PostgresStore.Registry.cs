using Iomt.Core.Patients;
using Npgsql;

namespace Iomt.Storage.Postgres;

/// <summary>Patients, devices, bindings over time and consumer checkpoints.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task UpsertPatientAsync(Patient patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        await WriteAsync(
            """
            INSERT INTO patient (id, display_name, birth_date, created_at) VALUES (@id, @name, @birth, @created)
            ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, birth_date = excluded.birth_date, created_at = excluded.created_at
            """,
            cancellationToken,
            ("id", patient.Id),
            ("name", patient.DisplayName),
            ("birth", patient.BirthDate),
            ("created", patient.CreatedAt?.ToUniversalTime()));
    }

    /// <inheritdoc />
    public async Task<Patient?> GetPatientAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, display_name, birth_date, created_at FROM patient WHERE id = @id", ReadPatient, cancellationToken, ("id", id))).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Patient>> ListPatientsAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, display_name, birth_date, created_at FROM patient ORDER BY id COLLATE \"C\"", ReadPatient, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeletePatientAsync(string id, CancellationToken cancellationToken) =>
        await WriteAsync("DELETE FROM patient WHERE id = @id", cancellationToken, ("id", id)) > 0;

    /// <inheritdoc />
    public async Task UpsertDeviceAsync(Device device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        await WriteAsync(
            """
            INSERT INTO device (id, kind, manufacturer, model, created_at) VALUES (@id, @kind, @manufacturer, @model, @created)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, manufacturer = excluded.manufacturer, model = excluded.model, created_at = excluded.created_at
            """,
            cancellationToken,
            ("id", device.Id),
            ("kind", device.Kind),
            ("manufacturer", device.Manufacturer),
            ("model", device.Model),
            ("created", device.CreatedAt?.ToUniversalTime()));
    }

    /// <inheritdoc />
    public async Task<Device?> GetDeviceAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, kind, manufacturer, model, created_at FROM device WHERE id = @id", ReadDevice, cancellationToken, ("id", id))).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Device>> ListDevicesAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, kind, manufacturer, model, created_at FROM device ORDER BY id COLLATE \"C\"", ReadDevice, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteDeviceAsync(string id, CancellationToken cancellationToken) =>
        await WriteAsync("DELETE FROM device WHERE id = @id", cancellationToken, ("id", id)) > 0;

    /// <inheritdoc />
    public async Task BindAsync(string deviceId, string patientId, DateTimeOffset from, CancellationToken cancellationToken) =>
        await WriteAsync(
            """
            WITH closed AS (UPDATE device_binding SET to_time = @at WHERE device_id = @device AND to_time IS NULL)
            INSERT INTO device_binding (device_id, patient_id, from_time) VALUES (@device, @patient, @at)
            """,
            cancellationToken,
            ("device", deviceId),
            ("patient", patientId),
            ("at", from.ToUniversalTime()));

    /// <inheritdoc />
    public async Task<bool> UnbindAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await WriteAsync(
            "UPDATE device_binding SET to_time = @at WHERE device_id = @device AND to_time IS NULL",
            cancellationToken,
            ("device", deviceId),
            ("at", at.ToUniversalTime())) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceBinding>> ListBindingsAsync(CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT device_id, patient_id, from_time, to_time FROM device_binding ORDER BY from_time, id",
            r => new DeviceBinding(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3)),
            cancellationToken);

    /// <inheritdoc />
    public async Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT sequence FROM checkpoint WHERE consumer = @c", r => r.GetInt64(0), cancellationToken, ("c", consumer))).FirstOrDefault();

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken) =>
        await WriteAsync(
            "INSERT INTO checkpoint (consumer, sequence) VALUES (@c, @s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence",
            cancellationToken,
            ("c", consumer),
            ("s", sequence));

    private static Patient ReadPatient(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
        r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3));

    private static Device ReadDevice(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4));

    private async Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await EnsureMigratedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, sql, cancellationToken, parameters);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await EnsureMigratedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        var results = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(read(reader));
        }

        return results;
    }
}
