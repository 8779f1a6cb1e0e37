using System.Collections.Frozen;
using Iomt.Core.Patients;
using Iomt.Storage;

namespace Iomt.Server.Ingestion;

/// <summary>
/// In-memory copy of the device-to-patient bindings, so ingestion resolves a reading's patient without a
/// query. Reloaded from the registry after every change made through the API (one process owns the registry).
/// </summary>
public sealed class BindingDirectory(IRegistryStore registry) : IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private FrozenDictionary<string, DeviceBinding[]> _byDevice = FrozenDictionary<string, DeviceBinding[]>.Empty;

    /// <summary>
    /// Reloads every binding from the registry. Reloads run one at a time, so a slow reload that read an older
    /// registry can never overwrite a newer one; callers pass no request token, because once the registry
    /// change is committed the copy must follow even if the client has gone.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await registry.ListBindingsAsync(CancellationToken.None).ConfigureAwait(false);
            var byDevice = all.GroupBy(b => b.DeviceId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.OrderBy(b => b.From).ToArray(), StringComparer.Ordinal);
            Volatile.Write(ref _byDevice, byDevice);
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>The patient the device was bound to at <paramref name="time"/>, or null.</summary>
    public string? PatientAt(string deviceId, DateTimeOffset time)
    {
        if (!Volatile.Read(ref _byDevice).TryGetValue(deviceId, out var bindings))
        {
            return null;
        }

        for (var i = bindings.Length - 1; i >= 0; i--)
        {
            if (bindings[i].Covers(time))
            {
                return bindings[i].PatientId;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _reload.Dispose();
}
