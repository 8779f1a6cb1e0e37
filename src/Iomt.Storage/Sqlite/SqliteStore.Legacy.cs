using System.Buffers;
using Iomt.Core.Measurements;
using Iomt.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Iomt.Storage.Sqlite;

/// <summary>Schema v1 → v2: the one-row-per-reading table becomes chunks, inside the migration's transaction.</summary>
public sealed partial class SqliteStore
{
    private static void ConvertLegacyReadings(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var state = connection.CreateCommand();
        state.Transaction = transaction;
        state.CommandText = "SELECT merged_through FROM index_state WHERE id = 1";
        var mergedThrough = Convert.ToInt64(state.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO reading_chunk (first_seq, count, device_id, patient_id, min_time, max_time, payload) VALUES ($f, $n, $d, $p, $min, $max, $payload);
            INSERT INTO chunk_patient (patient_id, max_time, first_seq) SELECT $p, $max, $f WHERE $p IS NOT NULL AND $f <= $merged;
            """;
        foreach (var name in new[] { "$f", "$n", "$d", "$p", "$min", "$max", "$payload", "$merged" })
        {
            insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        insert.Parameters["$merged"].Value = mergedThrough;
        var members = new List<PendingReading>();
        var payload = new ArrayBufferWriter<byte>();
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        long firstSeq = 0;

        void Flush()
        {
            if (members.Count == 0)
            {
                return;
            }

            payload.ResetWrittenCount();
            ReadingChunkCodec.Encode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members), payload, strings);
            var m = members[0].Measurement;
            insert.Parameters["$f"].Value = firstSeq;
            insert.Parameters["$n"].Value = members.Count;
            insert.Parameters["$d"].Value = m.DeviceId;
            insert.Parameters["$p"].Value = (object?)m.PatientId ?? DBNull.Value;
            insert.Parameters["$min"].Value = members.Min(r => UnixMicroseconds.From(r.Measurement.DeviceTime));
            insert.Parameters["$max"].Value = members.Max(r => UnixMicroseconds.From(r.Measurement.DeviceTime));
            insert.Parameters["$payload"].Value = payload.WrittenSpan.ToArray();
            insert.ExecuteNonQuery();
            members.Clear();
        }

        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = """
                SELECT seq, device_id, message_id, patient_id, code_system, code, value, components, unit, device_time, received_time, marks
                FROM reading ORDER BY seq
                """;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                var m = new Measurement
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
                };

                // A chunk holds consecutive sequences of one device and patient, wholly on one side of the merge watermark.
                var previous = members.Count > 0 ? members[^1].Measurement : null;
                if (previous is null || previous.DeviceId != m.DeviceId || previous.PatientId != m.PatientId
                    || seq != firstSeq + members.Count || seq == mergedThrough + 1 || members.Count == MaxChunkReadings)
                {
                    Flush();
                    firstSeq = seq;
                }

                members.Add(new PendingReading(m, (ReadingMarks)reader.GetInt32(11)));
            }
        }

        Flush();
        using var drop = connection.CreateCommand();
        drop.Transaction = transaction;
        drop.CommandText = "DROP TABLE reading_patient; DROP TABLE reading;";
        drop.ExecuteNonQuery();
    }
}
