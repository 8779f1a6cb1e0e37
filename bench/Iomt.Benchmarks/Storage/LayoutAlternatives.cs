using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Iomt.Benchmarks.Storage;

/// <summary>
/// Raw-SQL measurement of SQLite table layouts for the de-duplication decision (ADR 0002): the same rows
/// appended through one reused prepared statement with different secondary indexes.
/// </summary>
public static class LayoutAlternatives
{
    private static readonly string[] Layouts = ["append-only", "unique(device,message)", "index(key_hash)", "index(patient,device_time)", "index(patient,seq)"];

    /// <summary>Runs every layout with sequential and UUID message ids and prints rows/s.</summary>
    public static void Run(int rows, int perTransaction, int devices)
    {
        Console.WriteLine($"layout alternatives: {rows} rows, {perTransaction} rows/transaction, {devices} devices, synchronous=NORMAL");
        foreach (var uuid in new[] { false, true })
        {
            foreach (var layout in Layouts)
            {
                var (rate, cpuRate) = Measure(layout, uuid, rows, perTransaction, devices);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layout,-28} {(uuid ? "uuid" : "sequential"),-10} {rate,10:N0} rows/s {cpuRate,10:N0} rows/cpu-s"));
            }
        }
    }

    private static (double Rate, double CpuRate) Measure(string layout, bool uuid, int rows, int perTransaction, int devices)
    {
        var dir = Directory.CreateTempSubdirectory("iomt-layout-");
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.FullName, "t.db")};Pooling=False");
            connection.Open();
            Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;");
            Exec(connection, "CREATE TABLE reading(seq INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL, device_id TEXT NOT NULL, message_id TEXT NOT NULL, patient_id TEXT, code TEXT NOT NULL, value REAL, unit TEXT NOT NULL, device_time INTEGER NOT NULL, received_time INTEGER NOT NULL, marks INTEGER NOT NULL)");
            Exec(connection, layout switch
            {
                "unique(device,message)" => "CREATE UNIQUE INDEX ux ON reading(device_id, message_id)",
                "index(key_hash)" => "CREATE INDEX ix ON reading(key_hash)",
                "index(patient,device_time)" => "CREATE INDEX ix ON reading(patient_id, device_time)",
                "index(patient,seq)" => "CREATE INDEX ix ON reading(patient_id, seq)",
                _ => "SELECT 1",
            });
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO reading VALUES($s,$h,$d,$m,$p,'8867-4',$v,'/min',$t,$r,0)";
            var ps = new[] { "$s", "$h", "$d", "$m", "$p", "$v", "$t", "$r" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            var deviceIds = Enumerable.Range(0, devices).Select(i => $"dev-{i:D5}").ToArray();
            var random = new Random(42);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var start = 0; start < rows; start += perTransaction)
            {
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                for (var i = start; i < Math.Min(rows, start + perTransaction); i++)
                {
                    var d = random.Next(devices);
                    var message = uuid ? Guid.NewGuid().ToString() : $"m{i:D10}";
                    ps[0].Value = i + 1;
                    ps[1].Value = random.NextInt64();
                    ps[2].Value = deviceIds[d];
                    ps[3].Value = message;
                    ps[4].Value = deviceIds[d];
                    ps[5].Value = 72.0;
                    ps[6].Value = 1_700_000_000_000_000L + (i * 1000L) - random.Next(5_000_000);
                    ps[7].Value = 1_700_000_000_000_000L + (i * 1000L);
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
            }

            return (rows / watch.Elapsed.TotalSeconds, rows / (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
