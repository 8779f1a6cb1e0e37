using Iomt.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Iomt.Server.Hosting;

/// <summary>Registers the configured store (SQLite by default, PostgreSQL when a connection string is given).</summary>
public static class StoreFactory
{
    /// <summary>Adds <see cref="IMeasurementStore"/>, <see cref="IRegistryStore"/> and <see cref="ICheckpointStore"/>.</summary>
    public static void AddStores(IServiceCollection services, IomtServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        throw new NotSupportedException("store implementations are not wired yet");
    }
}
