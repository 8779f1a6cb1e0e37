using System.Text;
using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Server.Api;
using Iomt.Server.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Transports.VendorJson;

/// <summary>
/// <c>POST /api/v1/vendor/{mappingName}</c>: a device posts its own JSON; the named mapping turns it into readings,
/// which go to the ingestor. Answers 202 after the ingestor returns; errors are RFC 9457 problem details naming the field.
/// </summary>
public static class VendorJsonEndpoints
{
    /// <summary>Largest message accepted.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Registers <see cref="VendorMappingRegistry"/> from <see cref="VendorJsonOptions"/>.</summary>
    public static IServiceCollection AddVendorJsonMappings(this IServiceCollection services)
    {
        services.AddOptions<VendorJsonOptions>();
        services.AddSingleton(sp => new VendorMappingRegistry(
            sp.GetRequiredService<IOptions<VendorJsonOptions>>().Value.MappingsFolder,
            sp.GetService<VitalSignCatalogue>() ?? VitalSignCatalogue.Default));
        return services;
    }

    /// <summary>Maps the vendor JSON endpoint. Needs <see cref="AddVendorJsonMappings"/> and an <see cref="IReadingIngestor"/>.</summary>
    public static IEndpointRouteBuilder MapVendorJsonEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/v1/vendor/{mappingName}", PostAsync);
        return app;
    }

    private static async Task<IResult> PostAsync(string mappingName, HttpContext context, CancellationToken ct)
    {
        var services = context.RequestServices;
        var mapping = services.GetRequiredService<VendorMappingRegistry>().Find(mappingName);
        if (mapping is null)
        {
            return Problem(StatusCodes.Status404NotFound, "mappingName", $"no vendor mapping named '{mappingName}'");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                var reason = $"larger than {MaxBodyBytes} bytes";
                await services.GetRequiredService<IReadingIngestor>().TryDeadLetterAsync("vendor-json", new ValidationError("body", reason), "", null, ct);
                return Problem(StatusCodes.Status413PayloadTooLarge, "body", reason);
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        var raw = Encoding.UTF8.GetString(body);
        var ingestor = services.GetRequiredService<IReadingIngestor>();
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // JsonDocument accepts invalid UTF-8 inside strings and throws only when a string is read.
            var error = new ValidationError("body", "not valid UTF-8");
            await ingestor.TryDeadLetterAsync("vendor-json", error, raw, null, ct);
            return Problem(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var error = new ValidationError("body", $"malformed JSON: {ex.Message.Split(" Path:")[0]}");
            await ingestor.TryDeadLetterAsync("vendor-json", error, raw, null, ct);
            return Problem(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        using (document)
        {
            var result = mapping.Map(document.RootElement);
            var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
            var items = result.Measurements.Select(m => IncomingReading.Decoded(m with { ReceivedTime = now }, raw))
                .Concat(result.Errors.Select(e => IncomingReading.Failed(e, raw)))
                .ToList();
            var outcome = await ingestor.IngestAsync("vendor-json", items, ct);
            if (result.Measurements.IsEmpty && result.Errors.Length > 0)
            {
                return Problem(StatusCodes.Status422UnprocessableEntity, result.Errors[0].Field, result.Errors[0].Reason);
            }

            var rejected = outcome.Items.Select((r, i) => (r, i)).Where(x => x.r.Outcome == ItemOutcome.Rejected)
                .Select(x => new { index = x.i, field = x.r.Field, reason = x.r.Reason }).ToList();
            return Results.Json(
                new { accepted = outcome.Accepted, duplicates = outcome.Duplicates, rejected = outcome.Rejected, errors = rejected },
                statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static IResult Problem(int status, string field, string reason) => Problems.Field(status, field, reason);
}
