namespace Iomt.Protocols.Ble;

/// <summary>Why a forwarded-notification body is malformed: the JSON field (e.g. "[2].value") and a message.</summary>
public readonly record struct GattBodyError(string Field, string Message);
