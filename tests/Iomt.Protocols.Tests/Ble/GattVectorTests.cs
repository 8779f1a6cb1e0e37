using System.Text.Json;
using Iomt.Protocols.Ble;
using Xunit.Abstractions;

namespace Iomt.Protocols.Tests.Ble;

public sealed class GattVectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_valid_vector_decodes_to_the_expected_fields_in_both_modes()
    {
        var failures = new List<string>();
        var valid = GattVectors.All.Where(v => v.Valid).ToList();
        foreach (var v in valid)
        {
            foreach (var mode in new[] { GattDecodeMode.Strict, GattDecodeMode.Lenient })
            {
                failures.AddRange(Check(v, v.Expected!.Value, mode).Select(p => $"{v.Id} ({mode}): {p}"));
            }
        }

        output.WriteLine($"valid vectors: {valid.Count - failures.Select(f => f.Split(' ')[0]).Distinct().Count()}/{valid.Count} pass");
        Assert.Empty(failures);
        Assert.Equal(198, valid.Count);
    }

    [Fact]
    public void Every_invalid_vector_is_rejected_with_its_reason_in_strict_mode()
    {
        var failures = new List<string>();
        var invalid = GattVectors.All.Where(v => !v.Valid).ToList();
        foreach (var v in invalid)
        {
            var result = GattCharacteristics.Decode(v.Characteristic, v.Bytes, GattDecodeMode.Strict);
            if (result.IsSuccess)
            {
                failures.Add($"{v.Id}: accepted, expected '{v.Reason}'");
            }
            else if (result.Error.Value.ReasonCode != v.Reason)
            {
                failures.Add($"{v.Id}: rejected with '{result.Error.Value.ReasonCode}' ({result.Error.Value.Message}), expected '{v.Reason}'");
            }
            else if (!result.Error.Value.Message.Contains(result.Error.Value.Field.Split('.', '[')[0], StringComparison.Ordinal))
            {
                failures.Add($"{v.Id}: message '{result.Error.Value.Message}' does not name the field '{result.Error.Value.Field}'");
            }
        }

        output.WriteLine($"invalid vectors: {invalid.Count - failures.Count}/{invalid.Count} rejected with the expected reason");
        Assert.Empty(failures);
        Assert.Equal(67, invalid.Count);
    }

    [Fact]
    public void Lenient_mode_produces_lenientExpected_and_still_rejects_the_others()
    {
        var failures = new List<string>();
        var withLenient = 0;
        foreach (var v in GattVectors.All.Where(v => !v.Valid))
        {
            var result = GattCharacteristics.Decode(v.Characteristic, v.Bytes, GattDecodeMode.Lenient);
            if (v.LenientExpected is { } lenient)
            {
                withLenient++;
                failures.AddRange(Check(v, lenient, GattDecodeMode.Lenient).Select(p => $"{v.Id}: {p}"));
            }
            else if (result.IsSuccess)
            {
                failures.Add($"{v.Id}: accepted in lenient mode, expected '{v.Reason}'");
            }
            else if (result.Error.Value.ReasonCode != v.Reason)
            {
                failures.Add($"{v.Id}: lenient rejection '{result.Error.Value.ReasonCode}', expected '{v.Reason}'");
            }
        }

        output.WriteLine($"lenient: {withLenient} vectors with lenientExpected; failures {failures.Count}");
        Assert.Empty(failures);
        Assert.Equal(19, withLenient);
    }

    [Fact]
    public void The_vector_file_holds_265_vectors()
    {
        Assert.Equal(265, GattVectors.All.Count);
    }

    private static List<string> Check(GattVector v, JsonElement expected, GattDecodeMode mode)
    {
        var result = GattCharacteristics.Decode(v.Characteristic, v.Bytes, mode);
        if (!result.IsSuccess)
        {
            return [$"rejected: {result.Error}"];
        }

        using var doc = JsonDocument.Parse(GattJsonText.Write(result.Value));
        return TolerantJsonComparer.Compare(expected, doc.RootElement, v.Characteristic is "SFLOAT" or "FLOAT");
    }
}
