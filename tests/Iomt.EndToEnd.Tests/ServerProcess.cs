using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Iomt.EndToEnd.Tests;

/// <summary>
/// Runs the real <c>iomt serve</c> (the built CLI next to the test assembly) on a free loopback port with a
/// given data folder, and kills or stops it. Output is captured for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The HTTP base address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the server printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string? postgres = null, int? port = null, params string[] extraArgs)
    {
        var httpPort = port ?? FreePort();
        var cli = Path.Combine(AppContext.BaseDirectory, "iomt.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "serve", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{httpPort}" })
        {
            info.ArgumentList.Add(arg);
        }

        if (!extraArgs.Contains("--mllp-port"))
        {
            info.ArgumentList.Add("--mllp-port");
            info.ArgumentList.Add("0");
        }

        if (postgres is not null)
        {
            info.ArgumentList.Add("--postgres");
            info.ArgumentList.Add(postgres);
        }

        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start iomt serve");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>An HTTP client for this server.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Kills the process with SIGKILL (no shutdown hooks run) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"iomt serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start under load
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"iomt serve not ready after {timeout}:\n{Output}");
    }
}
