using System.Text;

namespace Iomt.Storage.Schema;

/// <summary>The patient-events query, shared by the stores (they differ in the parameter marker and the time type).</summary>
internal static class DetectionEventSql
{
    /// <summary>
    /// The SELECT for <paramref name="query"/> with parameters named <paramref name="marker"/> + name (SQLite "$",
    /// PostgreSQL "@"); <paramref name="time"/> converts a time to the column's parameter value.
    /// Columns: patient_id, device_id, kind, onset_time, raised_time, source_sequence.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) PatientEvents(string patientId, DetectionEventQuery query, char marker, Func<DateTimeOffset, object> time)
    {
        var sql = new StringBuilder($"SELECT patient_id, device_id, kind, onset_time, raised_time, source_sequence FROM detection_event WHERE patient_id = {marker}p");
        var parameters = new List<(string, object?)> { ($"{marker}p", patientId) };
        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition).Append(' ').Append(marker).Append(name);
            parameters.Add(($"{marker}{name}", value));
        }

        if (query.From is { } from)
        {
            Filter("raised_time >=", "from", time(from));
        }

        if (query.To is { } to)
        {
            Filter("raised_time <=", "to", time(to));
        }

        if (query.DeviceId is { } deviceId)
        {
            Filter("device_id =", "device", deviceId);
        }

        sql.Append($" ORDER BY raised_time, id LIMIT {marker}limit");
        parameters.Add(($"{marker}limit", query.Limit));
        return (sql.ToString(), [.. parameters]);
    }
}
