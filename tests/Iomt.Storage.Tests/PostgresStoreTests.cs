using Iomt.Storage.Postgres;
using Iomt.Storage.Tests.Contract;
using Npgsql;

namespace Iomt.Storage.Tests;

/// <summary>
/// The contract against a real PostgreSQL named by IOMT_TEST_POSTGRES (test.sh starts a throw-away cluster).
/// Each test gets its own schema. Without the variable every test FAILS: the acceptance needs them green.
/// </summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable("IOMT_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "IOMT_TEST_POSTGRES is not set: the PostgreSQL contract tests need a server. Run ./test.sh, or "
                + "`. tests/scripts/postgres.sh && pg_start && export IOMT_TEST_POSTGRES=\"$PG_CONN\"`.");

    /// <inheritdoc />
    protected override IMeasurementStore CreateStore() => new PostgresStore(new PostgresStoreOptions { ConnectionString = ConnectionString, Schema = _schema });

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Environment.GetEnvironmentVariable("IOMT_TEST_POSTGRES") is { Length: > 0 })
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Readings_land_in_monthly_partitions_and_implausible_times_in_the_default_one()
    {
        var store = await OpenAsync();
        await store.AppendAsync(
            [
                Readings.HeartRate("d", "m-1", "p", Readings.T0),
                Readings.HeartRate("d", "m-2", "p", Readings.T0.AddMonths(1)),
                Readings.HeartRate("d", "m-3", "p", new DateTimeOffset(1970, 1, 1, 0, 0, 1, TimeSpan.Zero)),
            ],
            [],
            default);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT tableoid::regclass::text, message_id FROM {_schema}.reading ORDER BY message_id", connection);
        var placed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                placed.Add($"{reader.GetString(0).Split('.')[^1]}:{reader.GetString(1)}");
            }
        }

        Assert.Equal(["reading_p202611:m-1", "reading_p202612:m-2", "reading_default:m-3"], placed);
        Assert.Equal(3, (await store.GetPatientReadingsAsync("p", new ReadingQuery(), default)).Count);
    }
}
