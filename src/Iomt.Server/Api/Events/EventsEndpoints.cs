using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Iomt.Server.Api.Events;

/// <summary><c>GET /api/v1/patients/{patientId}/events</c>: what the detectors raised for a patient.</summary>
public static class EventsEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/patients/{patientId}/events", GetAsync)
            .WithName("GetPatientEvents")
            .WithSummary("Events the detectors raised for a patient (glucose alerts, AF episodes), in the order they were raised.")
            .Produces<PatientEventsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> GetAsync(string patientId, string? from, string? to, string? deviceId, int? limit, IDetectionEventStore store, CancellationToken ct)
    {
        if (!QueryParameters.TryParseRange(from, to, out var fromTime, out var toTime, out var problem))
        {
            return problem!;
        }

        if (QueryParameters.OutOfRange(limit, "limit", 1, 100_000) is { } limitProblem)
        {
            return limitProblem;
        }

        var events = await store.GetPatientEventsAsync(patientId, new DetectionEventQuery(fromTime, toTime, deviceId, limit ?? 10_000), ct).ConfigureAwait(false);
        var views = events.Select(e => new EventView(e.Kind, e.DeviceId, e.OnsetTime, e.RaisedTime, e.SourceSequence)).ToList();
        return Results.Ok(new PatientEventsResponse(patientId, views.Count, views));
    }
}

/// <summary>A patient's events.</summary>
public sealed record PatientEventsResponse(string PatientId, int Count, IReadOnlyList<EventView> Events);

/// <summary>One event: what, from which device, when it began and when it was raised, and the reading that raised it (0: the clock).</summary>
public sealed record EventView(string Kind, string DeviceId, DateTimeOffset Onset, DateTimeOffset Raised, long Sequence);
