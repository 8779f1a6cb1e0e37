using Npgsql;

namespace Iomt.EndToEnd.Tests;

/// <summary>
/// A fresh database on the PostgreSQL server named by IOMT_TEST_POSTGRES (test.sh starts one). Without the
/// variable the test fails, saying so: the acceptance requires PostgreSQL runs.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnection;

    private PostgresDatabase(string adminConnection, string name, string connectionString)
    {
        _adminConnection = adminConnection;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>Connection string of the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a new empty database.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("IOMT_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(admin), "IOMT_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL (tests/scripts/postgres.sh)");
        var name = "iomt_e2e_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresDatabase(admin!, name, builder.ConnectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
