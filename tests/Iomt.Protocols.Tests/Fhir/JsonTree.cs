using System.Text.Json;

namespace Iomt.Protocols.Tests.Fhir;

/// <summary>Structural JSON comparison that treats numbers as their exact text (FHIR precision matters).</summary>
internal static class JsonTree
{
    /// <summary>The first path where the two trees differ, or null when equal.</summary>
    public static string? FirstDifference(JsonElement a, JsonElement b, string path = "$")
    {
        if (a.ValueKind != b.ValueKind)
        {
            return $"{path}: {a.ValueKind} vs {b.ValueKind}";
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var name in left.Keys.Union(right.Keys))
                {
                    if (!left.TryGetValue(name, out var l) || !right.TryGetValue(name, out var r))
                    {
                        return $"{path}.{name}: present on one side only";
                    }

                    if (FirstDifference(l, r, $"{path}.{name}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return $"{path}: array length {a.GetArrayLength()} vs {b.GetArrayLength()}";
                }

                for (var i = 0; i < a.GetArrayLength(); i++)
                {
                    if (FirstDifference(a[i], b[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : $"{path}: '{a.GetString()}' vs '{b.GetString()}'";
            default:
                return a.GetRawText() == b.GetRawText() ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
        }
    }
}
