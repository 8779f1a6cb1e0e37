using System.Diagnostics;
using Iomt.Protocols.Ble;

namespace Iomt.Benchmarks.Ble;

/// <summary>
/// Bounded, deterministic fuzzing of the GATT decoders: random values and mutations (bit flips, interesting octets,
/// insertions, deletions, truncation, extension, splicing) of valid seed values. Every input is decoded in strict
/// and lenient mode; successes are also rendered to JSON and observations. Any exception is a finding.
/// Shared by the console entry (<c>fuzz gatt</c>, ≥ 1 M inputs per decoder) and a small unit test.
/// </summary>
public sealed class GattFuzzRunner
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x06, 0x07, 0x08, 0x0F, 0x10, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF];
    private readonly Dictionary<string, List<byte[]>> _seeds;
    private readonly List<byte[]> _allSeeds;
    private readonly Random _random;

    /// <summary>Creates a runner over seed values (characteristic UUID, value octets) with a fixed random seed.</summary>
    public GattFuzzRunner(IEnumerable<(string Uuid, byte[] Value)> seeds, int randomSeed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _seeds = seeds.GroupBy(s => s.Uuid).ToDictionary(g => g.Key, g => g.Select(s => s.Value).ToList());
        _allSeeds = [.. _seeds.Values.SelectMany(v => v)];
        _random = new Random(randomSeed);
    }

    /// <summary>Feeds <paramref name="inputs"/> inputs to the decoder of <paramref name="uuid"/>.</summary>
    public GattFuzzReport Run(string uuid, int inputs)
    {
        var own = _seeds.TryGetValue(uuid, out var s) && s.Count > 0 ? s : _allSeeds;
        var buffer = new byte[600];
        var decoded = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var sink = new List<GattObservation>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < inputs; i++)
        {
            var length = (i & 3) == 0 ? RandomValue(buffer) : Mutate(own, buffer);
            var input = buffer.AsSpan(0, length);
            try
            {
                var strict = GattCharacteristics.Decode(uuid, input, GattDecodeMode.Strict);
                var lenient = GattCharacteristics.Decode(uuid, input, GattDecodeMode.Lenient);
                if (strict.TryGetValue(out var value))
                {
                    decoded++;
                    sink.Clear();
                    value.AddObservations(sink);
                    if ((i & 15) == 0)
                    {
                        _ = GattJsonText.Write(value);
                    }
                }
                else
                {
                    var code = strict.Error!.Value.ReasonCode;
                    reasons[code] = reasons.GetValueOrDefault(code) + 1;
                }

                if (lenient.TryGetValue(out var lenientValue) && (i & 15) == 1)
                {
                    _ = GattJsonText.Write(lenientValue);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new GattFuzzReport(uuid, i + 1, decoded, reasons, watch.Elapsed, $"{e.GetType().Name} on {uuid} {Convert.ToHexString(input)}: {e.Message}");
            }
        }

        return new GattFuzzReport(uuid, inputs, decoded, reasons, watch.Elapsed, null);
    }

    private int RandomValue(byte[] buffer)
    {
        var length = _random.Next(0, 48);
        _random.NextBytes(buffer.AsSpan(0, length));
        return length;
    }

    private int Mutate(List<byte[]> seeds, byte[] buffer)
    {
        var seed = seeds[_random.Next(seeds.Count)];
        var length = seed.Length;
        seed.CopyTo(buffer, 0);
        var rounds = 1 + _random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            switch (_random.Next(8))
            {
                case 0 when length > 0: // flip one bit
                    buffer[_random.Next(length)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when length > 0: // an interesting octet
                    buffer[_random.Next(length)] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2 when length > 0: // truncate
                    length = _random.Next(length);
                    break;
                case 3 when length < 500: // extend with random octets
                    var extra = 1 + _random.Next(8);
                    _random.NextBytes(buffer.AsSpan(length, extra));
                    length += extra;
                    break;
                case 4 when length < 500: // insert an octet
                    var at = _random.Next(length + 1);
                    Array.Copy(buffer, at, buffer, at + 1, length - at);
                    buffer[at] = (byte)_random.Next(256);
                    length++;
                    break;
                case 5 when length > 1: // delete an octet
                    var del = _random.Next(length);
                    Array.Copy(buffer, del + 1, buffer, del, length - del - 1);
                    length--;
                    break;
                case 6: // splice another seed on the end (e.g. a second CGM record)
                    var other = _allSeeds[_random.Next(_allSeeds.Count)];
                    var take = Math.Min(other.Length, 500 - length);
                    other.AsSpan(0, take).CopyTo(buffer.AsSpan(length));
                    length += take;
                    break;
                default: // flags octet: any value
                    if (length > 0)
                    {
                        buffer[0] = (byte)_random.Next(256);
                    }

                    break;
            }
        }

        return length;
    }
}
