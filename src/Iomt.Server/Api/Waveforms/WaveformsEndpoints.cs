using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Iomt.Server.Api.Waveforms;

/// <summary><c>GET /api/v1/patients/{patientId}/waveforms</c>: stored waveform chunks (ECG strips, pleth...).</summary>
public static class WaveformsEndpoints
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromMinutes(5);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapWaveformsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/patients/{patientId}/waveforms", GetAsync)
            .WithName("GetPatientWaveforms")
            .WithSummary("A patient's waveform chunks that start in [from, to) (default: the 5 minutes before to, or before now), raw samples with gain and offset.")
            .Produces<PatientWaveformsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> GetAsync(string patientId, string? code, string? from, string? to, int? limit, IWaveformStore store, TimeProvider time, CancellationToken ct)
    {
        if (!QueryParameters.TryParseRange(from, to, out var fromTime, out var toTime, out var problem))
        {
            return problem!;
        }

        // A chunk is typically thousands of samples: the cap keeps one answer to tens of megabytes.
        if (QueryParameters.OutOfRange(limit, "limit", 1, 1000) is { } limitProblem)
        {
            return limitProblem;
        }

        var end = toTime ?? time.GetUtcNow();
        var start = fromTime ?? end - DefaultSpan;
        if (start >= end)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "from", "must be before to");
        }

        var chunks = await store.GetPatientWaveformsAsync(patientId, QueryParameters.Code(code, CodeSystems.Mdc), start, end, limit ?? 200, ct).ConfigureAwait(false);
        return Results.Ok(new PatientWaveformsResponse(patientId, chunks.Count, [.. chunks.Select(ToView)]));
    }

    private static WaveformView ToView(WaveformChunk c) =>
        new(c.DeviceId, c.Code.System, c.Code.Code, c.Channel, c.Start, c.SampleRateHz, c.Gain, c.Offset, c.Unit, c.Samples.Length, [.. c.Samples]);
}

/// <summary>A patient's waveform chunks in start order.</summary>
public sealed record PatientWaveformsResponse(string PatientId, int Count, IReadOnlyList<WaveformView> Chunks);

/// <summary>One chunk: physical value of sample i = offset + gain × samples[i], at start + i / sampleRateHz.</summary>
public sealed record WaveformView(string DeviceId, string System, string Code, int Channel, DateTimeOffset Start, double SampleRateHz, double Gain, double Offset, string Unit, int Count, IReadOnlyList<int> Samples);
