using System.Globalization;
using Npgsql;

namespace Iomt.Storage.Postgres;

/// <summary>
/// Creates the monthly partitions of <c>reading</c> on demand, before the batch that needs them. Times outside
/// 2000–2099 (a device with a broken clock) go to the default partition instead of creating stray partitions.
/// </summary>
internal sealed class MonthlyPartitions
{
    private readonly HashSet<int> _ensured = [];

    /// <summary>Ensures a partition exists for every month of <paramref name="times"/>.</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateTimeOffset> times, CancellationToken cancellationToken)
    {
        foreach (var month in times.Select(t => t.UtcDateTime).Where(t => t.Year is >= 2000 and < 2100).Select(t => (t.Year * 100) + t.Month).Distinct())
        {
            if (_ensured.Contains(month))
            {
                continue;
            }

            var start = new DateTime(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc);
            var sql = string.Create(
                CultureInfo.InvariantCulture,
                $"CREATE TABLE IF NOT EXISTS reading_p{month} PARTITION OF reading FOR VALUES FROM ('{start:yyyy-MM-dd}T00:00:00Z') TO ('{start.AddMonths(1):yyyy-MM-dd}T00:00:00Z')");
            await using var command = new NpgsqlCommand(sql, connection);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // The default partition already holds rows of this month, or another process created it
                // concurrently: either way the rows have a home.
            }

            _ensured.Add(month);
        }
    }
}
