using Iomt.Protocols.Fhir.Mapping;

namespace Iomt.Protocols.Tests.Fhir;

public class ObservationInvalidTests
{
    public static TheoryData<string, string?, string> InvalidFiles => new()
    {
        { "observation-malformed-json.json", null, "structure" },
        { "observation-wrong-resourcetype.json", "Observation.resourceType", "invalid" },
        { "observation-missing-code.json", "Observation.code", "required" },
        { "observation-invalid-status-code.json", "Observation.status", "code-invalid" },
        { "observation-value-number-as-string.json", "Observation.valueQuantity.value", "structure" },
        { "observation-missing-subject.json", "Observation.subject", "required" },
        { "observation-missing-effective.json", "Observation.effective[x]", "required" },
        { "observation-valuequantity-without-value.json", "Observation.valueQuantity.value", "required" },
        { "observation-unknown-ucum-unit.json", "Observation.valueQuantity.code", "code-invalid" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_observation_is_rejected_naming_the_path(string file, string? expression, string code)
    {
        var result = ObservationMapper.Default.Map(FhirExamples.ReadInvalid(file));
        Assert.False(result.IsSuccess);
        var error = result.FirstError!;
        Assert.Equal(expression, error.Expression);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Diagnostics));
    }

    [Fact]
    public void Every_observation_file_in_invalid_is_covered()
    {
        var files = Directory.GetFiles(Path.Combine(FhirExamples.Folder, "invalid"), "observation-*.json").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(InvalidFiles.Select(row => (string)row[0]).Order().ToArray(), files);
    }

    [Theory]
    [InlineData("2026-03-14T09:15:00", "Observation.effectiveDateTime")]
    [InlineData("2026-13-14T09:15:00Z", "Observation.effectiveDateTime")]
    [InlineData("14/03/2026", "Observation.effectiveDateTime")]
    public void Bad_dates_are_rejected_naming_the_element(string date, string expression)
    {
        var json = $$$"""
            {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
             "subject":{"reference":"Patient/p1"},"effectiveDateTime":"{{{date}}}",
             "valueQuantity":{"value":72,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}
            """;
        var result = ObservationMapper.Default.Map(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(expression, result.FirstError!.Expression);
    }

    [Fact]
    public void Lone_surrogate_in_an_unmodelled_element_is_an_error_not_an_exception()
    {
        // Found by the fuzzer: no id, so the message id is a content hash, and re-writing the kept element failed.
        var json = """
            {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
             "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-03-14T09:15:00Z","extra":"\ud800",
             "valueQuantity":{"value":72,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}
            """u8;
        var result = ObservationMapper.Default.Map(json);
        Assert.Equal(("Observation", "structure"), (result.FirstError!.Expression, result.FirstError.Code));
    }
}
