using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Transports.Mllp;

/// <summary>Registers the HL7 v2 MLLP listener on Kestrel.</summary>
public static class MllpListenerExtensions
{
    /// <summary>
    /// Adds a Kestrel endpoint that speaks MLLP on <see cref="MllpOptions.Port"/> and its services. The host
    /// must register an <see cref="Ingestion.IReadingIngestor"/>. Note: endpoints configured in code make Kestrel
    /// ignore URL settings, so the host configures its HTTP endpoints with <c>ConfigureKestrel</c> too.
    /// </summary>
    public static WebApplicationBuilder AddMllpListener(this WebApplicationBuilder builder, MllpOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton<IOptions<MllpOptions>>(Options.Create(options));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Hl7MessageProcessor>();
        builder.Services.AddSingleton<MllpConnectionHandler>();
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, options));
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, MllpOptions options)
    {
        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(options.Port, l => l.UseConnectionHandler<MllpConnectionHandler>());
        }
        else if (string.Equals(options.Host, "any", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenAnyIP(options.Port, l => l.UseConnectionHandler<MllpConnectionHandler>());
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, l => l.UseConnectionHandler<MllpConnectionHandler>());
        }
    }
}
