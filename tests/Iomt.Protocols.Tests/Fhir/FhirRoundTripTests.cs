using System.Text.Json;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Tests.Fhir;

public class FhirRoundTripTests
{
    [Fact]
    public void Every_resource_in_the_folder_reserialises_without_losing_data()
    {
        var files = FhirExamples.AllResourceFiles();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var parsed = FhirJson.ParseResource(bytes);
            if (!parsed.IsSuccess)
            {
                failures.Add($"{Path.GetFileName(file)}: {parsed.FirstError}");
                continue;
            }

            var written = FhirJson.Serialize(parsed.Value);
            using var original = JsonDocument.Parse(bytes);
            using var again = JsonDocument.Parse(written);
            if (JsonTree.FirstDifference(original.RootElement, again.RootElement) is { } diff)
            {
                failures.Add($"{Path.GetFileName(file)}: {diff}");
            }

            var reparsed = FhirJson.ParseResource(written);
            Assert.True(reparsed.IsSuccess, Path.GetFileName(file));
            Assert.Equal(written, FhirJson.Serialize(reparsed.Value));
        }

        Assert.Empty(failures);
        Assert.Equal(74, files.Length); // 64 Observations, 3 Bundles, 6 OperationOutcomes, 1 ValueSet
    }

    [Fact]
    public void Observation_examples_parse_into_the_typed_model()
    {
        var bp = FhirJson.ParseObservation(FhirExamples.Read("observation-example-bloodpressure.json")).Value;
        Assert.Equal("blood-pressure", bp.Id);
        Assert.Equal("85354-9", bp.Code!.Coding![0].Code);
        Assert.Equal(2, bp.Component!.Count);
        Assert.Equal("107", bp.Component[0].ValueQuantity!.Value!.Value.Text);
        Assert.Equal("mm[Hg]", bp.Component[0].ValueQuantity!.Code);

        var ekg = FhirJson.ParseObservation(FhirExamples.Read("observation-example-sample-data.json")).Value;
        Assert.Equal("10", ekg.Component![0].ValueSampledData!.Period!.Value.Text);
        Assert.StartsWith("2041 2043", ekg.Component[0].ValueSampledData!.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundles_hold_typed_and_unknown_resources()
    {
        var hla = FhirJson.ParseBundle(FhirExamples.Read("bundle-transaction-hla-1.json")).Value;
        Assert.Equal("transaction", hla.Type);
        Assert.Equal(22, hla.Entry!.Count);
        Assert.Equal(9, hla.Entry.Count(e => e.Resource is Observation));
        Assert.Equal(13, hla.Entry.Count(e => e.Resource is UnknownResource));
        Assert.All(hla.Entry, e => Assert.Equal("POST", e.Request!.Method));
    }
}
