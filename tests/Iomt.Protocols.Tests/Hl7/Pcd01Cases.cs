using System.Text.Json;
using Iomt.TestSupport;

namespace Iomt.Protocols.Tests.Hl7;

/// <summary>The PCD-01 test set in shared/data/hl7v2-pcd01, read in place.</summary>
public static class Pcd01Cases
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("hl7v2-pcd01", "expected.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    });

    /// <summary>Every case of expected.json.</summary>
    public static IReadOnlyList<JsonElement> All => Cases.Value;

    /// <summary>Request file names, for theories.</summary>
    public static TheoryData<string> RequestFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in All)
            {
                data.Add(c.GetProperty("file").GetString()!);
            }

            return data;
        }
    }

    /// <summary>Every .hl7 file of the folder (requests and responses).</summary>
    public static TheoryData<string> AllFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var f in Directory.GetFiles(SharedData.PathOf("hl7v2-pcd01"), "*.hl7").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(f));
            }

            return data;
        }
    }

    /// <summary>The expected.json entry of a request file.</summary>
    public static JsonElement Case(string requestFile) => All.Single(c => c.GetProperty("file").GetString() == requestFile);

    /// <summary>The text of a file of the set.</summary>
    public static string Read(string file) => File.ReadAllText(SharedData.PathOf("hl7v2-pcd01", file));

    /// <summary>The bytes of a file of the set.</summary>
    public static byte[] ReadBytes(string file) => File.ReadAllBytes(SharedData.PathOf("hl7v2-pcd01", file));

    /// <summary>A string property, or null when absent or JSON null.</summary>
    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
