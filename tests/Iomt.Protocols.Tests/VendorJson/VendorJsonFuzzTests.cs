using System.Globalization;
using System.Text;
using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Protocols.VendorJson;
using Iomt.TestSupport;

namespace Iomt.Protocols.Tests.VendorJson;

/// <summary>
/// Bounded fuzz of the vendor-JSON path: mutated messages through the documented mapping, and mutated
/// mapping files through the loader. Nothing may throw; every input ends as readings or errors.
/// Long run: <c>IOMT_FUZZ_ITERATIONS=1000000 dotnet test tests/Iomt.Protocols.Tests -c Release --filter VendorJsonFuzzTests</c>.
/// </summary>
public sealed class VendorJsonFuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"kind":"pulse","seq":"41","patient":"p-7","device":{"serial":"AC-1"},"measuredAt":"2026-03-14T10:15:00+01:00","data":{"bpm":72}}""",
        """{"kind":"bp","seq":42,"device":{"serial":"AC-1"},"measuredAt":"2026-03-14T09:15:00Z","data":{"sys":"121","dia":79}}""",
    ];

    private static readonly string[] Tokens = ["null", "[]", "{}", "\"\"", "-1e309", "1e-400", "\"\\ud800\"", "true", "[[[[", "\"2026-13-45T99:99:99Z\"", "0", "\"bp\"", "\"pulse\""];

    private static long Iterations => long.Parse(Environment.GetEnvironmentVariable("IOMT_FUZZ_ITERATIONS") ?? "20000", CultureInfo.InvariantCulture);

    [Fact]
    public void Mutated_messages_never_throw_through_the_documented_mapping()
    {
        var file = Path.Combine(RepoPaths.Root, "docs", "protocols", "vendor-json", "acme-vitals.json");
        var mapping = CompiledVendorMapping.TryLoad(File.ReadAllBytes(file), VitalSignCatalogue.Default, out var loadError);
        Assert.True(mapping is not null, loadError?.ToString());
        var random = new Random(20261122);
        long parsed = 0, mappedOk = 0;
        for (long i = 0; i < Iterations; i++)
        {
            var bytes = Mutate(Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]), random);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                continue; // the endpoint answers 400 before mapping
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                continue; // the endpoint answers 400 before mapping
            }

            using (document)
            {
                parsed++;
                var result = mapping.Map(document.RootElement);
                if (!result.Errors.Any())
                {
                    mappedOk++;
                }
            }
        }

        Assert.True(parsed > 0 && mappedOk > 0, $"fuzz never reached the mapper usefully: parsed {parsed}, mapped {mappedOk}");
    }

    [Fact]
    public void Mutated_mapping_files_are_loaded_or_rejected_without_throwing()
    {
        var file = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "docs", "protocols", "vendor-json", "acme-vitals.json"));
        var random = new Random(7);
        var loaded = 0;
        for (long i = 0; i < Math.Max(1, Iterations / 10); i++)
        {
            var mapping = CompiledVendorMapping.TryLoad(Mutate(file, random), VitalSignCatalogue.Default, out var error);
            if (mapping is not null)
            {
                loaded++;
                using var doc = JsonDocument.Parse(Seeds[0]);
                _ = mapping.Map(doc.RootElement);
            }
            else
            {
                Assert.NotNull(error);
            }
        }

        Assert.True(loaded > 0);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var text = Encoding.UTF8.GetString(seed);
        switch (random.Next(4))
        {
            case 0:
                var bytes = (byte[])seed.Clone();
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                return Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]);
            case 2:
                // Replace one scalar value (after a colon) with an odd token.
                var colon = text.IndexOf(':', random.Next(text.Length));
                if (colon < 0)
                {
                    return seed;
                }

                var end = text.IndexOfAny([',', '}'], colon + 1);
                return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, colon + 1), Tokens[random.Next(Tokens.Length)], end < 0 ? "" : text[end..]));
            default:
                return seed;
        }
    }
}
