using System.Buffers;
using System.Globalization;
using Iomt.Core.Measurements;
using Iomt.Core.Series;
using Iomt.Server.Ingestion;
using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Api.Readings;

/// <summary><c>POST /api/v1/readings</c> and <c>GET /api/v1/patients/{patientId}/readings</c>.</summary>
public static class ReadingsEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapReadingsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/readings", PostAsync)
            .WithName("PostReadings")
            .WithSummary("Ingest a batch of readings; answers 202 only after the accepted ones are durable.")
            .Accepts<IReadOnlyList<ReadingView>>("application/json")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/v1/patients/{patientId}/readings", GetAsync)
            .WithName("GetPatientReadings")
            .WithSummary("A patient's readings in time order; maxPoints downsamples each code's series with LTTB.")
            .Produces<PatientReadingsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, IReadingIngestor ingestor, IOptions<HttpApiOptions> options, CancellationToken ct)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type", $"'{type}' is not JSON; send application/json");
        }

        var limit = options.Value.MaxReadingsBodyBytes;
        var body = await BodyReader.ReadAsync(request, limit, ct).ConfigureAwait(false);
        if (body is not { } read)
        {
            var reason = $"body larger than {limit} bytes; split the batch";
            await ingestor.TryDeadLetterAsync("http", new("$", reason), "", null, ct).ConfigureAwait(false);
            return Problems.Field(StatusCodes.Status413PayloadTooLarge, "$", reason);
        }

        try
        {
            var items = ReadingBatchParser.Parse(read.Buffer.AsSpan(0, read.Length), out var syntax);
            if (items is null)
            {
                var raw = System.Text.Encoding.UTF8.GetString(read.Buffer, 0, Math.Min(read.Length, DeadLetter.MaxPayloadLength));
                await ingestor.TryDeadLetterAsync("http", syntax!, raw, null, ct).ConfigureAwait(false);
                return Problems.Field(StatusCodes.Status400BadRequest, syntax!.Field, syntax.Reason);
            }

            ArrayPool<byte>.Shared.Return(read.Buffer);
            read = default;
            return await IngestAsync(ingestor, items, ct).ConfigureAwait(false);
        }
        finally
        {
            if (read.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(read.Buffer);
            }
        }
    }

    private static async Task<IResult> IngestAsync(IReadingIngestor ingestor, IReadOnlyList<IncomingReading> items, CancellationToken ct)
    {
        IngestionOutcome outcome;
        try
        {
            outcome = await ingestor.IngestAsync("http", items, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Problems.Field(StatusCodes.Status503ServiceUnavailable, "$", "the store did not commit the batch; resend it");
        }

        var rejected = new List<RejectedReading>();
        for (var i = 0; i < outcome.Items.Count; i++)
        {
            var r = outcome.Items[i];
            if (r.Outcome == ItemOutcome.Rejected)
            {
                var field = r.Field!.StartsWith('$') ? r.Field : $"$[{i}].{r.Field}";
                rejected.Add(new RejectedReading(i, field, r.Reason!));
            }
        }

        if (rejected.Count > 0 && rejected.Count == outcome.Items.Count)
        {
            var errors = rejected.GroupBy(r => r.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray(), StringComparer.Ordinal);
            return Problems.Fields(StatusCodes.Status422UnprocessableEntity, errors, extensions: new Dictionary<string, object?> { ["rejected"] = rejected });
        }

        return Results.Json(new IngestResponse(outcome.Accepted, outcome.Duplicates, rejected), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(string patientId, string? code, string? from, string? to, int? maxPoints, int? limit, IMeasurementStore store, CancellationToken ct)
    {
        if (!QueryParameters.TryParseRange(from, to, out var fromTime, out var toTime, out var problem))
        {
            return problem!;
        }

        if (QueryParameters.OutOfRange(maxPoints, "maxPoints", 3, 100_000) is { } maxPointsProblem)
        {
            return maxPointsProblem;
        }

        if (QueryParameters.OutOfRange(limit, "limit", 1, 1_000_000) is { } limitProblem)
        {
            return limitProblem;
        }

        var filter = QueryParameters.Code(code, CodeSystems.Loinc);

        // One row more than the limit tells whether the answer was cut short.
        var max = limit ?? 100_000;
        var fetched = await store.GetPatientReadingsAsync(patientId, new ReadingQuery(filter, fromTime, toTime, max + 1), ct).ConfigureAwait(false);
        var truncated = fetched.Count > max;
        var rows = truncated ? fetched.Take(max).ToList() : fetched;
        var selected = maxPoints is { } points ? Downsample(rows, points) : rows;
        var views = selected.Select(ToView).ToList();
        return Results.Ok(new PatientReadingsResponse(patientId, views.Count, selected.Count < rows.Count, truncated, views));
    }

    // Each code is its own series: downsample per code, by the scalar value or the first component.
    private static List<StoredReading> Downsample(IReadOnlyList<StoredReading> rows, int maxPoints)
    {
        var result = new List<StoredReading>(Math.Min(rows.Count, maxPoints));
        foreach (var series in rows.GroupBy(r => r.Measurement.Code))
        {
            var list = series.ToList();
            var x = list.Select(r => (double)r.Measurement.DeviceTime.UtcTicks).ToArray();
            var y = list.Select(r => r.Measurement.Value ?? (r.Measurement.IsPanel ? r.Measurement.Components[0].Value : 0)).ToArray();
            result.AddRange(Lttb.Select(x, y, maxPoints).Select(i => list[i]));
        }

        result.Sort((a, b) => a.Measurement.DeviceTime.CompareTo(b.Measurement.DeviceTime));
        return result;
    }

    private static ReadingView ToView(StoredReading r)
    {
        var m = r.Measurement;
        IReadOnlyList<string>? marks = r.Marks == ReadingMarks.None
            ? null
            : Enum.GetValues<ReadingMarks>().Where(f => f != ReadingMarks.None && r.Marks.HasFlag(f)).Select(f => f.ToString()).ToList();
        return new ReadingView(
            m.MessageId,
            m.DeviceId,
            m.Code.Code,
            m.Code.System,
            m.Value,
            m.IsPanel ? m.Components.Select(c => new ComponentView(c.Code.Code, c.Code.System, c.Value, c.Unit)).ToList() : null,
            m.Unit,
            m.DeviceTime,
            m.ReceivedTime,
            r.Sequence,
            marks);
    }
}
