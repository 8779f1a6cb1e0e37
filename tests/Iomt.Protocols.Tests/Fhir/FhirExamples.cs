using Iomt.TestSupport;

namespace Iomt.Protocols.Tests.Fhir;

/// <summary>The FHIR R4 files of ../shared/data/fhir-r4, read in place.</summary>
internal static class FhirExamples
{
    public static string Folder => SharedData.PathOf("fhir-r4");

    public static string[] ObservationExamples()
    {
        var files = Directory.GetFiles(Folder, "observation-example*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 64, $"expected the 64 R4 Observation examples in {Folder}, found {files.Length}");
        return files;
    }

    public static string[] AllResourceFiles() =>
        [.. Directory.GetFiles(Folder, "*.json").Where(f => !Path.GetFileName(f).StartsWith("StructureDefinition", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static byte[] ReadInvalid(string name) => File.ReadAllBytes(SharedData.PathOf("fhir-r4", "invalid", name));
}
