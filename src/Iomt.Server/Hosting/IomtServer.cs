using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Server.Api;
using Iomt.Server.Api.Events;
using Iomt.Server.Api.Readings;
using Iomt.Server.Api.Registry;
using Iomt.Server.Api.Waveforms;
using Iomt.Server.Detection;
using Iomt.Server.Feed;
using Iomt.Server.Ingestion;
using Iomt.Server.Metrics;
using Iomt.Server.Transports.Fhir;
using Iomt.Server.Transports.Gatt;
using Iomt.Server.Transports.Mllp;
using Iomt.Server.Transports.VendorJson;
using Iomt.Server.Waveforms;
using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Hosting;

/// <summary>Composes the server: stores, ingestion pipeline, transports and endpoints.</summary>
public static class IomtServer
{
    /// <summary>
    /// Builds the application. <paramref name="configureStores"/> replaces the configured stores (tests);
    /// by default <see cref="StoreFactory"/> opens SQLite under the data folder or PostgreSQL.
    /// </summary>
    public static WebApplication Build(IomtServerOptions options, string[] args, Action<IServiceCollection>? configureStores = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables("IOMT_");
        // Endpoints are configured in code (the MLLP listener is one), which makes Kestrel ignore URL settings,
        // so the HTTP URLs are turned into Kestrel endpoints here too.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            HttpEndpoints.Listen(k, options.Urls);
        });
        if (options.MllpPort > 0)
        {
            var mllp = builder.Configuration.GetSection("Mllp").Get<MllpOptions>() ?? new MllpOptions();
            mllp.Port = options.MllpPort;
            builder.AddMllpListener(mllp);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.JsonWriterOptions = new JsonWriterOptions { Indented = false });
        // ASP.NET Core logs every request at Information with its path, and our paths carry patient ids
        // (/api/v1/patients/{id}/...): no patient data in logs. Per-request logging also cost ≈ 10 % of the server's
        // CPU under load (146 MB of log for 4 M readings). Configuration (IOMT_Logging__LogLevel__...) can lower it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.Configure<IngestionOptions>(builder.Configuration.GetSection("Ingestion"));
        services.Configure<FeedOptions>(builder.Configuration.GetSection("Feed"));
        services.Configure<DetectionOptions>(builder.Configuration.GetSection("Detection"));
        services.Configure<HttpApiOptions>(builder.Configuration.GetSection("Http"));
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(sp => new MeasurementValidator(VitalSignCatalogue.Default, sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxFutureSkew));
        if (configureStores is null)
        {
            StoreFactory.AddStores(services, options);
        }
        else
        {
            configureStores(services);
        }

        services.AddSingleton<CommittedFeed>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<BindingDirectory>();
        services.AddSingleton<IReadingIngestor, IngestionPipeline>();
        services.AddHostedService<DetectionRunner>();
        services.AddSingleton<EcgBeatExtractor>();
        services.AddSingleton<MotionExtractor>();
        services.AddHostedService<QuietStreamWatcher>();
        services.AddSingleton<IWaveformSink, StoringWaveformSink>();
        services.AddVendorJsonMappings();
        services.Configure<VendorJsonOptions>(o => o.MappingsFolder = Path.Combine(options.DataDirectory, "mappings"));
        services.Configure<VendorJsonOptions>(builder.Configuration.GetSection("VendorJson"));
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapReadingsEndpoints();
        app.MapRegistryEndpoints();
        app.MapEventsEndpoints();
        app.MapWaveformsEndpoints();
        app.MapOperationsEndpoints();
        app.MapFhirEndpoints();
        app.MapGattEndpoints();
        app.MapVendorJsonEndpoints();
        return app;
    }

    /// <summary>Migrates the store, places the detection checkpoints of a first start and loads the bindings; call before <c>RunAsync</c>.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var store = app.Services.GetRequiredService<IMeasurementStore>();
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await DetectionRunner.InitializeCheckpointsAsync(store, app.Services.GetRequiredService<ICheckpointStore>(), app.Services.GetRequiredService<CommittedFeed>().PartitionCount, cancellationToken).ConfigureAwait(false);
        await app.Services.GetRequiredService<BindingDirectory>().ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    // Bad input never yields a stack trace: binding failures are the caller's fault (400), anything else is ours (500).
    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, reason) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.InnerException is JsonException json ? $"malformed JSON: {json.Path ?? "$"}" : bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "internal error; the request was not processed"),
        };
        var result = Problems.Field(status, "$", reason);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
