using System.Text;
using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Protocols.VendorJson;
using Iomt.TestSupport;

namespace Iomt.Protocols.Tests.VendorJson;

public class CompiledVendorMappingTests
{
    private static CompiledVendorMapping DocumentedExample()
    {
        var file = Path.Combine(RepoPaths.Root, "docs", "protocols", "vendor-json", "acme-vitals.json");
        var mapping = CompiledVendorMapping.TryLoad(File.ReadAllBytes(file), VitalSignCatalogue.Default, out var error);
        Assert.True(mapping is not null, error?.ToString());
        return mapping;
    }

    private static VendorMappingResult Map(string json) => DocumentedExample().Map(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Maps_a_heart_rate_message_of_the_documented_example()
    {
        var result = Map("""{"kind":"pulse","seq":"41","patient":"p-7","device":{"serial":"AC-1"},"measuredAt":"2026-03-14T10:15:00+01:00","data":{"bpm":72}}""");
        Assert.Empty(result.Errors);
        var m = Assert.Single(result.Measurements);
        Assert.Equal((ObservationCode.Loinc("8867-4"), 72.0, "/min", "AC-1", "41", "p-7"), (m.Code, m.Value!.Value, m.Unit, m.DeviceId, m.MessageId, m.PatientId));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 15, 0, TimeSpan.Zero), m.DeviceTime);
    }

    [Fact]
    public void Maps_blood_pressure_into_a_panel_with_components()
    {
        var result = Map("""{"kind":"bp","seq":42,"device":{"serial":"AC-1"},"measuredAt":"2026-03-14T09:15:00Z","data":{"sys":"121","dia":79}}""");
        var bp = Assert.Single(result.Measurements);
        Assert.Equal(ObservationCode.Loinc("85354-9"), bp.Code);
        Assert.Equal([121.0, 79.0], bp.Components.Select(c => c.Value));
        Assert.Null(MeasurementValidator.Default.Validate(bp, out _));
    }

    [Fact]
    public void For_each_maps_every_matching_item_with_unix_millisecond_times()
    {
        var result = Map("""{"device":{"serial":"AC-9"},"samples":[{"channel":"temp","t":1773479700000,"v":98.6},{"channel":"hr","t":1773479700000,"v":70},{"channel":"temp","t":1773479760000,"v":99.1}]}""");
        Assert.Empty(result.Errors);
        Assert.Equal([98.6, 99.1], result.Measurements.Select(m => m.Value!.Value));
        Assert.All(result.Measurements, m => Assert.Equal("[degF]", m.Unit));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773479760000), result.Measurements[1].DeviceTime);
        Assert.NotEqual(result.Measurements[0].MessageId, result.Measurements[1].MessageId);
    }

    [Theory]
    [InlineData("""{"kind":"pulse","seq":"1","patient":"p","device":{"serial":"A"},"measuredAt":"2026-03-14T09:15:00Z","data":{}}""", "templates[0].value")]
    [InlineData("""{"kind":"pulse","seq":"1","patient":"p","device":{},"measuredAt":"2026-03-14T09:15:00Z","data":{"bpm":1}}""", "templates[0].deviceId")]
    [InlineData("""{"kind":"pulse","seq":"1","patient":"p","device":{"serial":"A"},"measuredAt":"yesterday","data":{"bpm":1}}""", "templates[0].time")]
    [InlineData("""{"kind":"bp","seq":"1","device":{"serial":"A"},"measuredAt":"2026-03-14T09:15:00Z","data":{"sys":"high","dia":80}}""", "templates[1].components[0].value")]
    [InlineData("""{"kind":"other"}""", "$")]
    public void Errors_name_the_template_field(string json, string field)
    {
        var result = Map(json);
        Assert.Empty(result.Measurements);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("""{"name":"x","templates":[{"type":"heart-rat","match":"$.a","deviceId":"$.d","time":"$.t","value":"$.v"}]}""", "templates[0].type")]
    [InlineData("""{"name":"x","templates":[{"type":"heart-rate","match":"$.a[","deviceId":"$.d","time":"$.t","value":"$.v"}]}""", "templates[0].match")]
    [InlineData("""{"name":"x","templates":[{"type":"heart-rate","match":"$.a","deviceId":"$.d","time":"$.t"}]}""", "templates[0].value")]
    [InlineData("""{"name":"x","templates":[{"type":"bp-panel","match":"$.a","deviceId":"$.d","time":"$.t"}]}""", "templates[0].components")]
    [InlineData("""{"name":"x","templates":[{"type":"heart-rate","match":"$.a","deviceId":"$.d","time":"$.t","value":"$.v","colour":"red"}]}""", "$.templates[0].colour")]
    public void Bad_mapping_files_are_rejected_naming_the_field(string json, string field)
    {
        Assert.Null(CompiledVendorMapping.TryLoad(Encoding.UTF8.GetBytes(json), VitalSignCatalogue.Default, out var error));
        Assert.Equal(field, error!.Field);
    }
}
