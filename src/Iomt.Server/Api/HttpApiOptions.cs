namespace Iomt.Server.Api;

/// <summary>HTTP API limits (configuration section "Http").</summary>
public sealed class HttpApiOptions
{
    /// <summary>Largest body accepted by <c>POST /api/v1/readings</c>, in bytes (4 MiB: ~20 000 readings).</summary>
    public int MaxReadingsBodyBytes { get; set; } = 4 * 1024 * 1024;
}
