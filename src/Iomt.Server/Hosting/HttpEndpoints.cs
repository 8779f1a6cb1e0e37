using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Iomt.Server.Hosting;

/// <summary>Turns the <c>--urls</c> list (http only) into Kestrel endpoints.</summary>
public static class HttpEndpoints
{
    /// <summary>Adds one Kestrel endpoint per URL; "localhost" means both loopbacks, "*", "+" or "0.0.0.0" all interfaces.</summary>
    public static void Listen(KestrelServerOptions kestrel, string urls)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        foreach (var text in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentException($"--urls: '{text}' is not an http://host:port URL (TLS is terminated by a reverse proxy)");
            }

            if (uri.IsLoopback && uri.Host == "localhost")
            {
                kestrel.ListenLocalhost(uri.Port);
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            {
                kestrel.Listen(address, uri.Port);
            }
            else
            {
                throw new ArgumentException($"--urls: host '{uri.Host}' must be localhost or an IP address");
            }
        }
    }
}
