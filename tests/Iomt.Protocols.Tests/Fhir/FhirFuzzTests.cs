using Xunit.Abstractions;

namespace Iomt.Protocols.Tests.Fhir;

public class FhirFuzzTests(ITestOutputHelper output)
{
    // Bounded run for every test pass; set IOMT_FUZZ_INPUTS=1000000 for the long run (docs/protocols/fhir.md).
    private const int DefaultInputs = 20_000;

    [Fact]
    public void Observation_parser_and_mapper_never_throw_on_mutated_examples()
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("IOMT_FUZZ_ITERATIONS") ?? Environment.GetEnvironmentVariable("IOMT_FUZZ_INPUTS"), out var n) && n > 0 ? n : DefaultInputs;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("IOMT_FUZZ_SEED"), out var s) ? s : 20260314;
        var seeds = FhirExamples.ObservationExamples()
            .Concat(Directory.GetFiles(Path.Combine(FhirExamples.Folder, "invalid"), "observation-*.json"))
            .Select(File.ReadAllBytes).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (ok, rejected, measurements, crashes) = new FhirFuzzer(seeds, seed).Run(inputs);
        output.WriteLine($"{inputs} inputs (seed {seed}) in {started.Elapsed.TotalSeconds:0.0} s: {ok} accepted ({measurements} measurements), {rejected} rejected, {crashes.Count} exceptions");
        Assert.True(crashes.Count == 0, crashes.Count == 0 ? "" : $"{crashes[0].Error}\ninput: {System.Text.Encoding.UTF8.GetString(crashes[0].Input)}");
        Assert.Equal(inputs, ok + rejected);
        Assert.True(ok > 0 && rejected > 0, "the mutations must exercise both outcomes");
    }
}
