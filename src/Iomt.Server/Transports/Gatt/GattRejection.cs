namespace Iomt.Server.Transports.Gatt;

/// <summary>One rejected item: the index of its notification in the posted body, the field and the reason.</summary>
public sealed record GattRejection(int Index, string? Field, string? Reason);
