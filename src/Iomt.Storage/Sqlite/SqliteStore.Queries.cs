using Iomt.Core.Measurements;
using Iomt.Storage.Deduplication;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Reads: patient charts, the committed feed, idempotency look-ups, dead letters (readings come from chunks).</summary>
public sealed partial class SqliteStore
{
    private const string PrefixedChunkColumns = "c.first_seq, c.count, c.device_id, c.patient_id, c.payload";

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> GetPatientReadingsAsync(string patientId, ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        var (mergedThrough, tailChunks) = _recent!.SnapshotPatient(patientId);
        var from = query.From is { } f ? UnixMicroseconds.From(f) : long.MinValue;
        var to = query.To is { } t ? UnixMicroseconds.From(t) : long.MaxValue;
        var results = new ChartCollector(query, from, to);

        // Merged part: the durable patient index (one entry per chunk, by the chunk's latest device time), limited to
        // chunks at or below the watermark taken with the tail; a chunk qualifies when its time range meets [from, to].
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT {PrefixedChunkColumns} FROM chunk_patient p JOIN reading_chunk c ON c.first_seq = p.first_seq
                WHERE p.patient_id = $patient AND p.max_time >= $from AND p.first_seq <= $merged AND c.min_time <= $to
                """;
            command.Parameters.AddWithValue("$patient", patientId);
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            command.Parameters.AddWithValue("$merged", mergedThrough);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                results.AddChunk(ReadChunk(reader));
            }
        }

        // Recent part: the patient's chunks not merged yet, fetched by sequence.
        if (tailChunks.Length > 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ChunkColumns} FROM reading_chunk WHERE first_seq = $seq";
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            command.Prepare();
            foreach (var s in tailChunks)
            {
                seq.Value = s;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    results.AddChunk(ReadChunk(reader));
                }
            }
        }

        return results.Result();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var command = connection.CreateCommand();

        // From the chunk holding afterSequence + 1 onward, in sequence order.
        command.CommandText = $"""
            SELECT {ChunkColumns} FROM reading_chunk
            WHERE first_seq >= coalesce((SELECT max(first_seq) FROM reading_chunk WHERE first_seq <= $after + 1), 0)
            ORDER BY first_seq
            """;
        command.Parameters.AddWithValue("$after", afterSequence);
        var results = new List<StoredReading>();
        using var reader = command.ExecuteReader();
        while (results.Count < limit && reader.Read())
        {
            foreach (var stored in ReadChunk(reader).Readings)
            {
                if (stored.Sequence > afterSequence && results.Count < limit)
                {
                    results.Add(stored);
                }
            }
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReading>> FindByMessageIdsAsync(string deviceId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(messageIds);
        await using var connection = await OpenReaderAsync(cancellationToken);
        using var byHash = connection.CreateCommand();
        byHash.CommandText = "SELECT seq FROM reading_key WHERE key_hash = $hash";
        var hashParameter = byHash.Parameters.Add("$hash", SqliteType.Integer);
        using var chunkOfSeq = connection.CreateCommand();
        chunkOfSeq.CommandText = $"SELECT {ChunkColumns} FROM reading_chunk WHERE first_seq <= $seq ORDER BY first_seq DESC LIMIT 1";
        var seqParameter = chunkOfSeq.Parameters.Add("$seq", SqliteType.Integer);
        var chunks = new ChunkCache(16);
        ChunkRow? Load(long seq)
        {
            seqParameter.Value = seq;
            using var reader = chunkOfSeq.ExecuteReader();
            return reader.Read() ? ReadChunk(reader) : null;
        }

        var results = new List<StoredReading>();
        var seqs = new List<long>();
        foreach (var messageId in messageIds.Distinct(StringComparer.Ordinal))
        {
            var hash = ReadingKeyHash.Of(deviceId, messageId);
            seqs.Clear();
            _recent!.FindByHash(hash, seqs);
            hashParameter.Value = hash;
            using (var reader = byHash.ExecuteReader())
            {
                while (reader.Read())
                {
                    seqs.Add(reader.GetInt64(0));
                }
            }

            foreach (var seq in seqs)
            {
                var stored = chunks.Find(seq, Load);
                if (stored is not null && stored.Measurement.DeviceId == deviceId && stored.Measurement.MessageId == messageId)
                {
                    results.Add(stored);
                    break;
                }
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
}
