using System.Globalization;
using Iomt.TestSupport;
using Xunit.Abstractions;

namespace Iomt.Protocols.Tests.Hl7;

public class Hl7FuzzTests(ITestOutputHelper output)
{
    /// <summary>
    /// In-test fuzz run. The full run (≥ 1 M inputs) is the same test with a larger count:
    /// <c>IOMT_FUZZ_ITERATIONS=1000000 dotnet test tests/Iomt.Protocols.Tests -c Release --filter Hl7FuzzTests</c>.
    /// </summary>
    [Fact]
    public void Parser_mapper_ACK_and_frame_reader_survive_random_and_mutated_input()
    {
        var iterations = long.Parse(Environment.GetEnvironmentVariable("IOMT_FUZZ_ITERATIONS") ?? "20000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("IOMT_FUZZ_SEED") ?? "20260314", CultureInfo.InvariantCulture);
        var samples = Directory.GetFiles(SharedData.PathOf("hl7v2-pcd01"), "*.hl7").Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .SelectMany(b => new[] { b, [0x0B, .. b, 0x1C, 0x0D] })
            .ToArray();
        var fuzzer = new Hl7Fuzzer(seed, samples);
        var started = System.Diagnostics.Stopwatch.StartNew();

        fuzzer.Run(iterations);

        output.WriteLine($"{fuzzer.Inputs} inputs in {started.Elapsed.TotalSeconds:F1} s (seed {seed}): parsed {fuzzer.Parsed}, AA {fuzzer.AckCounts[0]}, AE {fuzzer.AckCounts[1]}, AR {fuzzer.AckCounts[2]}, MLLP frames {fuzzer.Frames}");
        Assert.Equal(iterations, fuzzer.Inputs);
        // The mutations must reach every outcome, or the run is not exercising the mapper.
        Assert.All(fuzzer.AckCounts, c => Assert.True(c > 0));
        Assert.True(fuzzer.Frames > 0);
    }

    [Fact]
    public void The_fuzz_oracle_counts_a_minimal_valid_message_as_AA()
    {
        var fuzzer = new Hl7Fuzzer(1, [[]]);
        fuzzer.Check("MSH|^~\\&|A|B|C|D|20260101||ORU^R01|X|P|2.6\rPID|||P1\r"u8.ToArray());
        Assert.Equal(1, fuzzer.AckCounts[0]);
    }
}
