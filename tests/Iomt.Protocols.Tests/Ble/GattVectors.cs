using System.Text.Json;
using Iomt.TestSupport;

namespace Iomt.Protocols.Tests.Ble;

/// <summary>The shared BLE conformance vectors (../shared/data/ble/vectors.json), read in place.</summary>
public static class GattVectors
{
    private static readonly Lazy<IReadOnlyList<GattVector>> Loaded = new(Load);

    /// <summary>Every vector in file order.</summary>
    public static IReadOnlyList<GattVector> All => Loaded.Value;

    private static List<GattVector> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("ble", "vectors.json")));
        var list = new List<GattVector>();
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            list.Add(new GattVector(
                v.GetProperty("id").GetString()!,
                v.GetProperty("characteristic").GetString()!,
                Convert.FromHexString(v.GetProperty("hex").GetString()!),
                v.GetProperty("valid").GetBoolean(),
                v.TryGetProperty("expected", out var e) ? e.Clone() : null,
                v.TryGetProperty("reason", out var r) ? r.GetString() : null,
                v.TryGetProperty("lenientExpected", out var l) ? l.Clone() : null));
        }

        return list;
    }
}

/// <summary>One conformance vector.</summary>
public sealed record GattVector(string Id, string Characteristic, byte[] Bytes, bool Valid, JsonElement? Expected, string? Reason, JsonElement? LenientExpected)
{
    /// <inheritdoc />
    public override string ToString() => Id;
}
