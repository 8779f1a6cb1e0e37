namespace Iomt.Storage.Postgres;

/// <summary>Settings of the PostgreSQL store (bound from configuration section "Storage:Postgres").</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>Npgsql connection string, e.g. "Host=db;Username=iomt;Password=...;Database=iomt".</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema holding the tables; created when missing.</summary>
    public string Schema { get; init; } = "public";
}
