using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Tests.Fhir;

public class SampledDataDecoderTests
{
    private static readonly SampledDataDecoder.Target Target = new(ObservationCode.Mdc("131330"), "dev", "p", DateTimeOffset.UnixEpoch);

    private static SampledData Data(string data, int dimensions = 1) => new()
    {
        Origin = new Quantity { Value = new FhirDecimal("10"), Code = "mV" },
        Period = new FhirDecimal("4"),
        Factor = new FhirDecimal("0.5"),
        Dimensions = dimensions,
        Data = data,
    };

    [Fact]
    public void Decodes_markers_and_scales_like_origin_plus_factor_times_data()
    {
        var chunk = Assert.Single(SampledDataDecoder.Decode(Data("2 E -4 L U"), "x", Target, 100).Value);
        Assert.Equal(250, chunk.SampleRateHz);
        Assert.Equal([2, SampledDataMarkers.Error, -4, SampledDataMarkers.BelowLowerLimit, SampledDataMarkers.AboveUpperLimit], chunk.Samples.ToArray());
        Assert.Equal(11, chunk.PhysicalValue(0));
        Assert.Equal("mV", chunk.Unit);
    }

    [Fact]
    public void Splits_interleaved_dimensions_into_one_chunk_each()
    {
        var chunks = SampledDataDecoder.Decode(Data("1 10 2 20 3 30", 2), "x", Target, 100).Value;
        Assert.Equal([1, 2, 3], chunks[0].Samples.ToArray());
        Assert.Equal([10, 20, 30], chunks[1].Samples.ToArray());
        Assert.Equal([0, 1], chunks.Select(c => c.Channel));
    }

    [Theory]
    [InlineData("1 2 x", 1, "x.data")]
    [InlineData("1.5", 1, "x.data")]
    [InlineData("1 2 3", 2, "x.data")]
    [InlineData("1 2", 0, "x.dimensions")]
    public void Rejects_bad_samples_naming_the_path(string data, int dimensions, string path)
    {
        var result = SampledDataDecoder.Decode(Data(data, dimensions), "x", Target, 100);
        Assert.Equal(path, result.FirstError!.Expression);
    }

    [Fact]
    public void Caps_the_number_of_samples()
    {
        Assert.Equal("x.data", SampledDataDecoder.Decode(Data("1 2 3 4"), "x", Target, 3).FirstError!.Expression);
    }
}
