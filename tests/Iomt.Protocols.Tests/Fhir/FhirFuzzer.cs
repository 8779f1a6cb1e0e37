using System.Text;
using Iomt.Protocols.Fhir.Mapping;

namespace Iomt.Protocols.Tests.Fhir;

/// <summary>
/// Deterministic mutation fuzzer over the Observation parser and mapper: mutates the shared examples (byte flips,
/// insertions, deletions, truncation, duplicated ranges, and swaps of JSON values for awkward ones) and counts how
/// each input ended. Any exception escaping the mapper is a bug and is returned with its input.
/// </summary>
internal sealed class FhirFuzzer(IReadOnlyList<byte[]> seeds, int randomSeed)
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "null", "[]", "{}", "\"\"", "0", "-0", "1e999", "-1e-999", "1.0000000000000000000000001", "\"E\"", "\"L U E\"",
            "true", "\"2026-02-30T25:61:00Z\"", "\"1999\"", "{\"value\":1}", "[{}]", "\"\\u0000\"", "\"\\ud800\"", "9999999999999999999999",
            "\"Observation\"", "\"Bundle\"", "\"urn:uuid:x\"", "\"Patient/\"", "\"/\"", "\"mm[Hg\"", "\"{\"", "\"10*\"",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private readonly Random _random = new(randomSeed);

    public (int Ok, int Rejected, int Measurements, List<(Exception Error, byte[] Input)> Crashes) Run(int inputs)
    {
        int ok = 0, rejected = 0, measurements = 0;
        var crashes = new List<(Exception, byte[])>();
        for (var i = 0; i < inputs; i++)
        {
            var input = Mutate(seeds[_random.Next(seeds.Count)]);
            try
            {
                var result = ObservationMapper.Default.Map(input);
                if (result.IsSuccess)
                {
                    ok++;
                    measurements += result.Value.Measurements.Length;
                }
                else
                {
                    rejected++;
                    _ = result.FirstError!.Diagnostics;
                }
            }
#pragma warning disable CA1031 // the fuzzer's job is to catch every exception and report it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashes.Add((ex, input));
                if (crashes.Count >= 10)
                {
                    break;
                }
            }
        }

        return (ok, rejected, measurements, crashes);
    }

    private byte[] Mutate(byte[] seed)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            var at = _random.Next(data.Count);
            switch (_random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)_random.Next(256));
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                    data.InsertRange(at, data.GetRange(at, length));
                    break;
                default:
                    ReplaceValue(data, at);
                    break;
            }
        }

        return [.. data];
    }

    // Replace the JSON value that follows the next ':' with an awkward token, keeping the document mostly well formed.
    private void ReplaceValue(List<byte> data, int from)
    {
        var colon = data.IndexOf((byte)':', from);
        if (colon < 0)
        {
            return;
        }

        var start = colon + 1;
        while (start < data.Count && data[start] == ' ')
        {
            start++;
        }

        var end = start;
        if (end < data.Count && data[end] == '"')
        {
            end++;
            while (end < data.Count && data[end] != '"')
            {
                end += data[end] == '\\' ? 2 : 1;
            }

            end = Math.Min(end + 1, data.Count);
        }
        else
        {
            while (end < data.Count && data[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)'{' or (byte)'['))
            {
                end++;
            }
        }

        data.RemoveRange(start, end - start);
        data.InsertRange(start, Tokens[_random.Next(Tokens.Length)]);
    }
}
