using Iomt.Core.Measurements;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Reads: patient charts, the committed feed, idempotency look-ups, dead letters.</summary>
public sealed partial class SqliteStore
{
    private const string ReadingColumns = "r.seq, r.device_id, r.message_id, r.patient_id, r.code_system, r.code, r.value, r.components, r.unit, r.device_time, r.received_time, r.marks";

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> GetPatientReadingsAsync(string patientId, ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        var (mergedThrough, tailSeqs) = _recent!.SnapshotPatient(patientId);
        var from = query.From is { } f ? UnixMicroseconds.From(f) : long.MinValue;
        var to = query.To is { } t ? UnixMicroseconds.From(t) : long.MaxValue;
        var results = new List<StoredReading>();

        // Merged part: the durable (patient, device time) index, limited to seq ≤ the watermark taken with the tail.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT {ReadingColumns} FROM reading_patient p JOIN reading r ON r.seq = p.seq
                WHERE p.patient_id = $patient AND p.device_time >= $from AND p.device_time <= $to AND p.seq <= $merged
                  AND ($system IS NULL OR (r.code_system = $system AND r.code = $code))
                ORDER BY p.device_time, p.seq LIMIT $limit
                """;
            AddQueryParameters(command, patientId, query, from, to);
            command.Parameters.AddWithValue("$merged", mergedThrough);
            ReadAll(command, results);
        }

        // Recent part: rows not merged yet, fetched by sequence.
        if (tailSeqs.Length > 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ReadingColumns} FROM reading r WHERE r.seq = $seq";
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            command.Prepare();
            foreach (var s in tailSeqs)
            {
                seq.Value = s;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    var stored = ReadReading(reader);
                    var time = UnixMicroseconds.From(stored.Measurement.DeviceTime);
                    if (time >= from && time <= to && (query.Code is null || stored.Measurement.Code == query.Code))
                    {
                        results.Add(stored);
                    }
                }
            }
        }

        results.Sort((a, b) =>
        {
            var byTime = a.Measurement.DeviceTime.CompareTo(b.Measurement.DeviceTime);
            return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
        });
        return results.Count > query.Limit ? results.GetRange(0, query.Limit) : results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadingColumns} FROM reading r WHERE r.seq > $after ORDER BY r.seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var results = new List<StoredReading>();
        ReadAll(command, results);
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> FindByMessageIdsAsync(string deviceId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(messageIds);
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var merged = connection.CreateCommand();
        merged.CommandText = $"""
            SELECT {ReadingColumns} FROM reading_key k JOIN reading r ON r.seq = k.seq
            WHERE k.key_hash = $hash AND r.device_id = $device AND r.message_id = $message
            """;
        var mergedHash = merged.Parameters.Add("$hash", SqliteType.Integer);
        var mergedMessage = merged.Parameters.Add("$message", SqliteType.Text);
        merged.Parameters.AddWithValue("$device", deviceId);
        using var bySeq = connection.CreateCommand();
        bySeq.CommandText = $"SELECT {ReadingColumns} FROM reading r WHERE r.seq = $seq AND r.device_id = $device AND r.message_id = $message";
        var seqParameter = bySeq.Parameters.Add("$seq", SqliteType.Integer);
        var seqMessage = bySeq.Parameters.Add("$message", SqliteType.Text);
        bySeq.Parameters.AddWithValue("$device", deviceId);

        var results = new List<StoredReading>();
        var seqs = new List<long>();
        foreach (var messageId in messageIds.Distinct(StringComparer.Ordinal))
        {
            var hash = ReadingKeyHash.Of(deviceId, messageId);
            seqs.Clear();
            _recent!.FindByHash(hash, seqs);
            var found = false;
            foreach (var seq in seqs)
            {
                seqParameter.Value = seq;
                seqMessage.Value = messageId;
                found |= ReadAll(bySeq, results) > 0;
            }

            if (!found)
            {
                mergedHash.Value = hash;
                mergedMessage.Value = messageId;
                ReadAll(merged, results);
            }
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, source, device_id, message_id, field, reason, payload, received_time FROM dead_letter
            WHERE $device IS NULL OR device_id = $device ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$device", (object?)query.DeviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var results = new List<DeadLetter>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(new DeadLetter
            {
                Id = reader.GetInt64(0),
                Source = reader.GetString(1),
                DeviceId = reader.IsDBNull(2) ? null : reader.GetString(2),
                MessageId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Field = reader.GetString(4),
                Reason = reader.GetString(5),
                Payload = reader.GetString(6),
                ReceivedTime = UnixMicroseconds.ToTime(reader.GetInt64(7)),
            });
        }

        return results;
    }

    private static void AddQueryParameters(SqliteCommand command, string patientId, ReadingQuery query, long from, long to)
    {
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$system", (object?)query.Code?.System ?? DBNull.Value);
        command.Parameters.AddWithValue("$code", (object?)query.Code?.Code ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
    }

    private static int ReadAll(SqliteCommand command, List<StoredReading> results)
    {
        var count = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(ReadReading(reader));
            count++;
        }

        return count;
    }

    private static StoredReading ReadReading(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new Measurement
        {
            DeviceId = reader.GetString(1),
            MessageId = reader.GetString(2),
            PatientId = reader.IsDBNull(3) ? null : reader.GetString(3),
            Code = new ObservationCode(reader.GetString(4), reader.GetString(5)),
            Value = reader.IsDBNull(6) ? null : reader.GetDouble(6),
            Components = ComponentsJson.Read(reader.IsDBNull(7) ? null : reader.GetString(7)),
            Unit = reader.GetString(8),
            DeviceTime = UnixMicroseconds.ToTime(reader.GetInt64(9)),
            ReceivedTime = UnixMicroseconds.ToTime(reader.GetInt64(10)),
        },
        (ReadingMarks)reader.GetInt32(11));
}
