namespace Iomt.Server.Api.Readings;

/// <summary>Answer to <c>POST /api/v1/readings</c>, sent only after the accepted readings are durable.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedReading> Rejected);

/// <summary>A reading of the batch that went to the dead letters.</summary>
public sealed record RejectedReading(int Index, string Field, string Reason);

/// <summary>A stored reading as returned by <c>GET /api/v1/patients/{id}/readings</c>.</summary>
public sealed record ReadingView(
    string Id,
    string DeviceId,
    string Code,
    string System,
    double? Value,
    IReadOnlyList<ComponentView>? Components,
    string Unit,
    DateTimeOffset Time,
    DateTimeOffset ReceivedTime,
    long Sequence,
    IReadOnlyList<string>? Marks);

/// <summary>A component of a panel reading.</summary>
public sealed record ComponentView(string Code, string System, double Value, string Unit);

/// <summary>A patient's readings, possibly downsampled for a chart; <c>Truncated</c> when more than <c>limit</c> matched.</summary>
public sealed record PatientReadingsResponse(string PatientId, int Count, bool Downsampled, bool Truncated, IReadOnlyList<ReadingView> Readings);
