using Iomt.Server.Metrics;
using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Iomt.Server.Api;

/// <summary>Dead letters, health probes and Prometheus metrics.</summary>
public static class OperationsEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dead-letters", async (string? deviceId, int? limit, IMeasurementStore store, CancellationToken ct) =>
            QueryParameters.OutOfRange(limit, "limit", 1, 100_000)
                ?? Results.Ok(await store.GetDeadLettersAsync(new DeadLetterQuery(deviceId, limit ?? 1000), ct).ConfigureAwait(false)))
            .WithTags("Operations")
            .WithSummary("Rejected readings with the field and reason, newest first.");
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).WithTags("Operations");
        app.MapGet("/health/ready", async (IMeasurementStore store, CancellationToken ct) =>
        {
            var ok = await SafePingAsync(store, ct).ConfigureAwait(false);
            return ok
                ? Results.Ok(new { status = "ready", store = store.Kind })
                : Problems.Field(StatusCodes.Status503ServiceUnavailable, "store", $"{store.Kind} store is not reachable");
        }).WithTags("Operations");
        app.MapGet("/metrics", (ServerMetrics metrics) => Results.Text(metrics.ToPrometheusText(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithTags("Operations");
        return app;
    }

    private static async Task<bool> SafePingAsync(IMeasurementStore store, CancellationToken ct)
    {
        try
        {
            return await store.PingAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
