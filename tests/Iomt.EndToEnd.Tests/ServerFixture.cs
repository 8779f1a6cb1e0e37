using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests;

/// <summary>One real server process on SQLite shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();

    /// <summary>The running server.</summary>
    public ServerProcess Server { get; private set; } = null!;

    /// <summary>The data folder.</summary>
    public string DataDirectory => _data.Path;

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(_data.Path);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _data.Dispose();
}
