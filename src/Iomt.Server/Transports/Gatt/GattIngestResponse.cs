namespace Iomt.Server.Transports.Gatt;

/// <summary>The 202 answer to a GATT post: counts of stored and duplicate measurements and the rejected items.</summary>
public sealed record GattIngestResponse(int Accepted, int Duplicates, IReadOnlyList<GattRejection> Rejected);
