using System.Globalization;
using System.Text.Json;

namespace Iomt.Protocols.Tests.Ble;

/// <summary>
/// Compares decoded JSON with a vector's expected object under the README's tolerance rule: strings, booleans,
/// null and integers (numbers written without '.', 'e', 'E') exactly; numbers inside "raw", rrIntervals_s and the
/// SFLOAT/FLOAT "value" with relative tolerance 1e-9; every other number with absolute tolerance 0.01.
/// </summary>
public static class TolerantJsonComparer
{
    private const double Absolute = 0.01;
    private const double Relative = 1e-9;

    /// <summary>The differences (empty when equal), each naming the JSON path.</summary>
    public static List<string> Compare(JsonElement expected, JsonElement actual, bool isNumberVector)
    {
        var problems = new List<string>();
        Walk(expected, actual, "$", relative: false, isNumberVector, problems);
        return problems;
    }

    private static void Walk(JsonElement e, JsonElement a, string path, bool relative, bool isNumberVector, List<string> problems)
    {
        if (e.ValueKind != a.ValueKind)
        {
            problems.Add($"{path}: expected {e.GetRawText()} but got {a.GetRawText()}");
            return;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = e.EnumerateObject().Select(p => p.Name).ToHashSet();
                var actualNames = a.EnumerateObject().Select(p => p.Name).ToHashSet();
                foreach (var missing in expectedNames.Except(actualNames))
                {
                    problems.Add($"{path}.{missing}: missing");
                }

                foreach (var extra in actualNames.Except(expectedNames))
                {
                    problems.Add($"{path}.{extra}: unexpected");
                }

                foreach (var p in e.EnumerateObject())
                {
                    if (a.TryGetProperty(p.Name, out var av))
                    {
                        var rel = relative || p.Name == "raw" || p.Name == "rrIntervals_s" || (isNumberVector && p.Name == "value" && path == "$");
                        Walk(p.Value, av, $"{path}.{p.Name}", rel, isNumberVector, problems);
                    }
                }

                break;
            case JsonValueKind.Array:
                if (e.GetArrayLength() != a.GetArrayLength())
                {
                    problems.Add($"{path}: expected {e.GetArrayLength()} items but got {a.GetArrayLength()}");
                    return;
                }

                for (var i = 0; i < e.GetArrayLength(); i++)
                {
                    Walk(e[i], a[i], $"{path}[{i}]", relative, isNumberVector, problems);
                }

                break;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                var ev = e.GetDouble();
                var actualValue = a.GetDouble();
                var isInteger = raw.IndexOfAny(['.', 'e', 'E']) < 0;
                var ok = isInteger ? actualValue == ev
                    : relative ? Math.Abs(actualValue - ev) <= Relative * Math.Abs(ev)
                    : Math.Abs(actualValue - ev) <= Absolute;
                if (!ok)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: expected {raw} but got {a.GetRawText()} ({(isInteger ? "exact" : relative ? "relative 1e-9" : "absolute 0.01")})"));
                }

                break;
            case JsonValueKind.String:
                if (e.GetString() != a.GetString())
                {
                    problems.Add($"{path}: expected {e.GetRawText()} but got {a.GetRawText()}");
                }

                break;
            default:
                if (e.GetRawText() != a.GetRawText())
                {
                    problems.Add($"{path}: expected {e.GetRawText()} but got {a.GetRawText()}");
                }

                break;
        }
    }
}
