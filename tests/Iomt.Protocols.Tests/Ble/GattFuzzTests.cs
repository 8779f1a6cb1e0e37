using Iomt.Protocols.Ble;

namespace Iomt.Protocols.Tests.Ble;

/// <summary>
/// A small in-test version of the bounded fuzz run (the full run is bench/Iomt.Benchmarks <c>fuzz gatt</c>, ≥ 1 M inputs
/// per decoder): random values and single/multiple mutations of every shared vector, decoded in both modes.
/// </summary>
public sealed class GattFuzzTests
{
    private const int InputsPerDecoder = 20_000;

    [Fact]
    public void Decoders_survive_random_and_mutated_values_and_every_result_is_a_value_or_a_named_reason()
    {
        var random = new Random(4242);
        var seeds = GattVectors.All.GroupBy(v => v.Characteristic).ToDictionary(g => g.Key, g => g.Select(v => v.Bytes).ToArray());
        var totals = new Dictionary<string, (int Ok, int Rejected)>();
        var sink = new List<GattObservation>();
        foreach (var (uuid, _) in GattCharacteristics.Supported)
        {
            var ok = 0;
            var rejected = 0;
            for (var i = 0; i < InputsPerDecoder; i++)
            {
                var input = i % 4 == 0 ? RandomBytes(random) : Mutate(random, seeds[uuid]);
                foreach (var mode in new[] { GattDecodeMode.Strict, GattDecodeMode.Lenient })
                {
                    var result = GattCharacteristics.Decode(uuid, input, mode);
                    if (result.TryGetValue(out var value))
                    {
                        ok++;
                        sink.Clear();
                        value.AddObservations(sink);
                        Assert.All(sink, o => Assert.True(double.IsFinite(o.Value), $"{uuid} {Convert.ToHexString(input)}"));
                        Assert.StartsWith("{", GattJsonText.Write(value), StringComparison.Ordinal);
                    }
                    else
                    {
                        rejected++;
                        Assert.NotEqual("unsupported-characteristic", result.Error!.Value.ReasonCode);
                        Assert.False(string.IsNullOrEmpty(result.Error!.Value.Message));
                    }
                }
            }

            totals[uuid] = (ok, rejected);
        }

        // Both outcomes must occur for every decoder, or the mutations are not reaching it.
        Assert.All(totals, t => Assert.True(t.Value.Ok > 100 && t.Value.Rejected > 100, $"{t.Key}: {t.Value}"));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[][] seeds)
    {
        var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
        for (var round = random.Next(1, 4); round > 0; round--)
        {
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                case 2:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    var keep = random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes[0] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
