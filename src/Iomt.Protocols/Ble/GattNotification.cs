namespace Iomt.Protocols.Ble;

/// <summary>
/// A characteristic notification as a phone app or gateway forwards it:
/// <c>{"characteristic": "2A37", "value": "&lt;hex or base64&gt;", "time": "2026-11-22T08:00:00+01:00"}</c>.
/// </summary>
/// <param name="Characteristic">16-bit UUID ("2A37", "0x2A37") or the full 128-bit base-UUID form.</param>
/// <param name="Value">The characteristic value as hex (preferred) or base64.</param>
/// <param name="Time">When the gateway received the notification, with its UTC offset; optional.</param>
/// <param name="MessageId">The gateway's own id for the notification; optional (else a hash is used).</param>
/// <param name="Encoding">"hex" or "base64" to force the reading of <paramref name="Value"/>; optional.</param>
public sealed record GattNotification(string Characteristic, string Value, DateTimeOffset? Time = null, string? MessageId = null, string? Encoding = null);
