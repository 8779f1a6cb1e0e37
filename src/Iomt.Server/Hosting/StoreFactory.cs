using Iomt.Storage;
using Iomt.Storage.Postgres;
using Iomt.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Iomt.Server.Hosting;

/// <summary>Registers the configured store (SQLite by default, PostgreSQL when a connection string is given).</summary>
public static class StoreFactory
{
    /// <summary>Adds <see cref="IMeasurementStore"/>, <see cref="IRegistryStore"/>, <see cref="ICheckpointStore"/>, <see cref="IDetectionEventStore"/> and <see cref="IWaveformStore"/> (one object).</summary>
    public static void AddStores(IServiceCollection services, IomtServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Postgres))
        {
            services.AddSingleton(_ => new PostgresStore(new PostgresStoreOptions { ConnectionString = options.Postgres }));
            AddViews<PostgresStore>(services);
            return;
        }

        services.AddSingleton(_ => new SqliteStore(new SqliteStoreOptions
        {
            DataDirectory = options.DataDirectory,
            Synchronous = options.SqliteSynchronous == "FULL" ? SqliteSynchronous.Full : SqliteSynchronous.Normal,
        }));
        AddViews<SqliteStore>(services);
    }

    private static void AddViews<TStore>(IServiceCollection services)
        where TStore : class, IMeasurementStore, IRegistryStore, ICheckpointStore, IDetectionEventStore, IWaveformStore
    {
        services.AddSingleton<IMeasurementStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IDetectionEventStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IWaveformStore>(sp => sp.GetRequiredService<TStore>());
    }
}
