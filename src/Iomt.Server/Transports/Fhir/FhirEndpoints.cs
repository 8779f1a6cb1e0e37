using System.Text;
using Iomt.Protocols.Fhir;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Protocols.Fhir.Model;
using Iomt.Server.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Iomt.Server.Transports.Fhir;

/// <summary>
/// FHIR R4 ingestion over HTTP (FHIR R4 http.html): <c>POST /fhir/Observation</c> (create) and <c>POST /fhir</c>
/// (transaction or batch Bundle). Answers after the ingestor returns, i.e. after the readings are durable.
/// </summary>
public static class FhirEndpoints
{
    /// <summary>Largest request body accepted.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Maps the FHIR endpoints. Needs an <see cref="IReadingIngestor"/>; uses an <see cref="IWaveformSink"/> when registered.</summary>
    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/fhir/Observation", PostObservationAsync);
        app.MapPost("/fhir", PostBundleAsync);
        return app;
    }

    private static async Task<IResult> PostObservationAsync(HttpContext context, CancellationToken ct)
    {
        var (body, problem) = await ReadBodyAsync(context, ct);
        if (problem is not null)
        {
            return problem;
        }

        var services = context.RequestServices;
        var batch = new FhirIngestionBatch(Now(services));
        var raw = Encoding.UTF8.GetString(body);
        var mapped = Mapper(services).Map(body);
        var unit = mapped.IsSuccess ? batch.AddObservation(mapped.Value, raw) : batch.AddFailure(mapped.Issues, raw);
        var (outcome, waveformsStored) = await IngestAsync(services, batch, ct);
        var (status, issues, location) = batch.Outcome(unit, outcome, waveformsStored);
        return FhirResponses.Resource(FhirResponses.Outcome(issues), status, location);
    }

    private static async Task<IResult> PostBundleAsync(HttpContext context, CancellationToken ct)
    {
        var (body, problem) = await ReadBodyAsync(context, ct);
        if (problem is not null)
        {
            return problem;
        }

        var services = context.RequestServices;
        var batch = new FhirIngestionBatch(Now(services));
        var parsed = FhirJson.ParseBundle(body);
        var mapped = parsed.IsSuccess ? new BundleMapper(Mapper(services)).Map(parsed.Value) : parsed.Issues;
        if (!mapped.IsSuccess)
        {
            batch.AddFailure(mapped.Issues, Encoding.UTF8.GetString(body));
            await IngestAsync(services, batch, ct);
            return FhirResponses.Issues(mapped.Issues, FhirResponses.StatusFor(mapped.Issues));
        }

        var bundle = parsed.Value;
        var mapping = mapped.Value;
        if (mapping.IsTransaction && mapping.Errors.Any())
        {
            // A transaction is all or nothing (http.html#trules): store nothing, dead-letter the bad entries.
            foreach (var entry in mapping.Entries.Where(e => e.IsError))
            {
                batch.AddFailure(entry.Issues, RawEntry(bundle, entry.Index));
            }

            await IngestAsync(services, batch, ct);
            var errors = mapping.Errors.ToList();
            return FhirResponses.Issues(errors, FhirResponses.StatusFor(errors));
        }

        var units = new int[mapping.Entries.Length];
        foreach (var entry in mapping.Entries)
        {
            units[entry.Index] = entry switch
            {
                { IsError: true } => batch.AddFailure(entry.Issues, RawEntry(bundle, entry.Index)),
                { Observation: { } observation } => batch.AddObservation(observation, RawEntry(bundle, entry.Index)),
                _ => batch.AddNote(entry.Issues),
            };
        }

        var (outcome, waveformsStored) = await IngestAsync(services, batch, ct);
        var responseEntries = mapping.Entries.Select(entry =>
        {
            var (status, issues, location) = batch.Outcome(units[entry.Index], outcome, waveformsStored);
            return new BundleEntry
            {
                Response = new BundleEntryResponse
                {
                    Status = FhirResponses.StatusLine(status),
                    Location = location,
                    Outcome = issues.Count > 0 ? FhirResponses.Outcome(issues) : null,
                },
            };
        }).ToList();
        var response = new Bundle { Type = mapping.IsTransaction ? "transaction-response" : "batch-response", Entry = responseEntries };
        return FhirResponses.Resource(response, StatusCodes.Status200OK);
    }

    private static async Task<(IngestionOutcome Outcome, bool WaveformsStored)> IngestAsync(IServiceProvider services, FhirIngestionBatch batch, CancellationToken ct)
    {
        var outcome = batch.Items.Count == 0
            ? new IngestionOutcome([])
            : await services.GetRequiredService<IReadingIngestor>().IngestAsync("fhir", batch.Items, ct);
        var sink = services.GetService<IWaveformSink>();
        if (sink is not null && batch.Waveforms.Count > 0)
        {
            await sink.StoreAsync("fhir", batch.Waveforms, ct);
            return (outcome, true);
        }

        return (outcome, false);
    }

    private static async Task<(byte[] Body, IResult? Problem)> ReadBodyAsync(HttpContext context, CancellationToken ct)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!(contentType.StartsWith("application/fhir+json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return ([], FhirResponses.Issues([FhirIssue.NotSupported(null, $"Content-Type must be application/fhir+json, not '{contentType}'")], StatusCodes.Status415UnsupportedMediaType));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                var reason = $"request body larger than {MaxBodyBytes} bytes";
                await context.RequestServices.GetRequiredService<IReadingIngestor>().TryDeadLetterAsync("fhir", new Iomt.Core.Catalogue.ValidationError("$", reason), "", null, ct);
                return ([], FhirResponses.Issues([new FhirIssue("error", "too-costly", null, reason)], StatusCodes.Status413PayloadTooLarge));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static string RawEntry(Bundle bundle, int index)
    {
        try
        {
            return bundle.Entry?[index]?.Resource is { } resource ? FhirJson.SerializeToString(resource) : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return ""; // verbatim elements with invalid Unicode escapes cannot be re-written; the dead letter keeps the reason
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    private static ObservationMapper Mapper(IServiceProvider services) => services.GetService<ObservationMapper>() ?? ObservationMapper.Default;

    private static DateTimeOffset Now(IServiceProvider services) => (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
}
