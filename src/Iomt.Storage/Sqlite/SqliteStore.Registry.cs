using System.Globalization;
using Iomt.Core.Patients;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Patients, devices, bindings over time and consumer checkpoints (small tables, written rarely).</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task UpsertPatientAsync(Patient patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        await ExecuteWriteAsync(
            """
            INSERT INTO patient (id, display_name, birth_date, created_at) VALUES ($id, $name, $birth, $created)
            ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, birth_date = excluded.birth_date, created_at = excluded.created_at
            """,
            cancellationToken,
            ("$id", patient.Id),
            ("$name", patient.DisplayName),
            ("$birth", patient.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$created", patient.CreatedAt is { } c ? UnixMicroseconds.From(c) : null));
    }

    /// <inheritdoc />
    public async Task<Patient?> GetPatientAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, display_name, birth_date, created_at FROM patient WHERE id = $id", ReadPatient, cancellationToken, ("$id", id))).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Patient>> ListPatientsAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, display_name, birth_date, created_at FROM patient ORDER BY id", ReadPatient, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeletePatientAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteWriteAsync("DELETE FROM patient WHERE id = $id", cancellationToken, ("$id", id)) > 0;

    /// <inheritdoc />
    public async Task UpsertDeviceAsync(Device device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        await ExecuteWriteAsync(
            """
            INSERT INTO device (id, kind, manufacturer, model, created_at) VALUES ($id, $kind, $manufacturer, $model, $created)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, manufacturer = excluded.manufacturer, model = excluded.model, created_at = excluded.created_at
            """,
            cancellationToken,
            ("$id", device.Id),
            ("$kind", device.Kind),
            ("$manufacturer", device.Manufacturer),
            ("$model", device.Model),
            ("$created", device.CreatedAt is { } c ? UnixMicroseconds.From(c) : null));
    }

    /// <inheritdoc />
    public async Task<Device?> GetDeviceAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, kind, manufacturer, model, created_at FROM device WHERE id = $id", ReadDevice, cancellationToken, ("$id", id))).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Device>> ListDevicesAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, kind, manufacturer, model, created_at FROM device ORDER BY id", ReadDevice, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteDeviceAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteWriteAsync("DELETE FROM device WHERE id = $id", cancellationToken, ("$id", id)) > 0;

    /// <inheritdoc />
    public async Task BindAsync(string deviceId, string patientId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var at = UnixMicroseconds.From(from);
        await ExecuteWriteAsync(
            """
            UPDATE device_binding SET to_time = $at WHERE device_id = $device AND to_time IS NULL;
            INSERT INTO device_binding (device_id, patient_id, from_time) VALUES ($device, $patient, $at);
            """,
            cancellationToken,
            ("$device", deviceId),
            ("$patient", patientId),
            ("$at", at));
    }

    /// <inheritdoc />
    public async Task<bool> UnbindAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteWriteAsync(
            "UPDATE device_binding SET to_time = $at WHERE device_id = $device AND to_time IS NULL",
            cancellationToken,
            ("$device", deviceId),
            ("$at", UnixMicroseconds.From(at))) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceBinding>> ListBindingsAsync(CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT device_id, patient_id, from_time, to_time FROM device_binding ORDER BY from_time, id",
            r => new DeviceBinding(r.GetString(0), r.GetString(1), UnixMicroseconds.ToTime(r.GetInt64(2)), r.IsDBNull(3) ? null : UnixMicroseconds.ToTime(r.GetInt64(3))),
            cancellationToken);

    /// <inheritdoc />
    public async Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT sequence FROM checkpoint WHERE consumer = $c", r => r.GetInt64(0), cancellationToken, ("$c", consumer))).FirstOrDefault();

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken) =>
        await ExecuteWriteAsync(
            "INSERT INTO checkpoint (consumer, sequence) VALUES ($c, $s) ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence",
            cancellationToken,
            ("$c", consumer),
            ("$s", sequence));

    private static Patient ReadPatient(SqliteDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.IsDBNull(3) ? null : UnixMicroseconds.ToTime(r.GetInt64(3)));

    private static Device ReadDevice(SqliteDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : UnixMicroseconds.ToTime(r.GetInt64(4)));

    private async Task<int> ExecuteWriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        // A pooled connection, not the writer: registry edits wait on SQLite's write lock (busy timeout)
        // instead of queueing behind the group-commit writer's batches.
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var changed = command.ExecuteNonQuery();
        transaction.Commit();
        return changed;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var results = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(read(reader));
        }

        return results;
    }
}
