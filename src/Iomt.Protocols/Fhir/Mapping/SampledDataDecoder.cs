using System.Collections.Immutable;
using System.Globalization;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Turns FHIR R4 SampledData into <see cref="WaveformChunk"/>s: origin.value → offset, factor → gain,
/// period (ms) → sample rate, interleaved dimensions → one chunk per dimension, E/L/U → <see cref="SampledDataMarkers"/>.
/// </summary>
public static class SampledDataDecoder
{
    /// <summary>Where the samples belong.</summary>
    public readonly record struct Target(ObservationCode Code, string DeviceId, string? PatientId, DateTimeOffset Start);

    /// <summary>Decodes <paramref name="data"/> found at <paramref name="path"/>.</summary>
    public static FhirResult<ImmutableArray<WaveformChunk>> Decode(SampledData data, string path, Target target, int maxSamples)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Origin?.Value is not { } originValue)
        {
            return FhirIssue.Required($"{path}.origin.value", "SampledData.origin with a value is required");
        }

        if (!TryFinite(originValue, out var offset))
        {
            return FhirIssue.Value($"{path}.origin.value", "not a finite number");
        }

        if (data.Period is not { } periodText)
        {
            return FhirIssue.Required($"{path}.period", "SampledData.period (ms between samples) is required");
        }

        if (!TryFinite(periodText, out var periodMs) || periodMs <= 0)
        {
            return FhirIssue.Value($"{path}.period", "must be a positive number of milliseconds");
        }

        var gain = 1.0;
        if (data.Factor is { } factorText && (!TryFinite(factorText, out gain) || gain == 0))
        {
            return FhirIssue.Value($"{path}.factor", "must be a finite, non-zero number");
        }

        if (data.Dimensions is not { } dimensions)
        {
            return FhirIssue.Required($"{path}.dimensions", "SampledData.dimensions is required");
        }

        if (dimensions is < 1 or > 64)
        {
            return FhirIssue.Value($"{path}.dimensions", "must be between 1 and 64");
        }

        if (string.IsNullOrWhiteSpace(data.Data))
        {
            return FhirResult<ImmutableArray<WaveformChunk>>.Ok([]);
        }

        var samples = ParseSamples(data.Data, $"{path}.data", maxSamples, out var error);
        if (error is not null)
        {
            return error;
        }

        if (samples.Count % dimensions != 0)
        {
            return FhirIssue.Value($"{path}.data", $"{samples.Count} samples is not a multiple of dimensions {dimensions}");
        }

        var unit = data.Origin.Code ?? data.Origin.Unit ?? "";
        var chunks = ImmutableArray.CreateBuilder<WaveformChunk>(dimensions);
        var perDimension = samples.Count / dimensions;
        for (var d = 0; d < dimensions; d++)
        {
            var channel = ImmutableArray.CreateBuilder<int>(perDimension);
            for (var i = d; i < samples.Count; i += dimensions)
            {
                channel.Add(samples[i]);
            }

            chunks.Add(new WaveformChunk
            {
                DeviceId = target.DeviceId,
                PatientId = target.PatientId,
                Code = target.Code,
                Channel = d,
                Start = target.Start,
                SampleRateHz = 1000.0 / periodMs,
                Gain = gain,
                Offset = offset,
                Unit = unit,
                Samples = channel.MoveToImmutable(),
            });
        }

        return FhirResult<ImmutableArray<WaveformChunk>>.Ok(chunks.MoveToImmutable());
    }

    private static List<int> ParseSamples(string text, string path, int maxSamples, out FhirIssue? error)
    {
        error = null;
        var samples = new List<int>(Math.Min(text.Length / 2 + 1, maxSamples));
        var span = text.AsSpan();
        var index = 0;
        foreach (var range in span.Split(' '))
        {
            var token = span[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (samples.Count >= maxSamples)
            {
                error = FhirIssue.Value(path, $"more than {maxSamples} samples");
                return samples;
            }

            switch (token)
            {
                case "E":
                    samples.Add(SampledDataMarkers.Error);
                    break;
                case "L":
                    samples.Add(SampledDataMarkers.BelowLowerLimit);
                    break;
                case "U":
                    samples.Add(SampledDataMarkers.AboveUpperLimit);
                    break;
                default:
                    if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || SampledDataMarkers.IsMarker(value))
                    {
                        error = FhirIssue.Value(path, $"sample {index} '{Clip(token)}' is not an integer, E, L or U");
                        return samples;
                    }

                    samples.Add(value);
                    break;
            }

            index++;
        }

        return samples;
    }

    private static string Clip(ReadOnlySpan<char> token) => token.Length > 20 ? $"{token[..20]}…" : token.ToString();

    private static bool TryFinite(FhirDecimal value, out double result)
    {
        result = 0;
        return double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);
    }
}
