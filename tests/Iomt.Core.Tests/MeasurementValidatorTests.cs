using System.Collections.Immutable;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;

namespace Iomt.Core.Tests;

public sealed class MeasurementValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static Measurement Reading(string code, double? value, string unit) => new()
    {
        DeviceId = "dev-1",
        MessageId = "m-1",
        Code = ObservationCode.Loinc(code),
        Value = value,
        Unit = unit,
        DeviceTime = Now.AddMinutes(-1),
        ReceivedTime = Now,
    };

    [Fact]
    public void Accepts_heart_rate_in_range_and_keeps_canonical_unit()
    {
        var error = MeasurementValidator.Default.Validate(Reading("8867-4", 72, "/min"), out var normalized);
        Assert.Null(error);
        Assert.Equal(72, normalized.Value);
        Assert.Equal("/min", normalized.Unit);
    }

    [Theory]
    [InlineData(900)]
    [InlineData(19.9)]
    [InlineData(300.1)]
    public void Rejects_heart_rate_outside_plausible_range(double value)
    {
        var error = MeasurementValidator.Default.Validate(Reading("8867-4", value, "/min"), out _);
        Assert.NotNull(error);
        Assert.Equal("value", error.Field);
        Assert.Contains("implausible", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public void Accepts_heart_rate_on_the_range_edges(double value) =>
        Assert.Null(MeasurementValidator.Default.Validate(Reading("8867-4", value, "/min"), out _));

    [Fact]
    public void Converts_fahrenheit_to_celsius()
    {
        Assert.Null(MeasurementValidator.Default.Validate(Reading("8310-5", 98.6, "[degF]"), out var normalized));
        Assert.Equal(37.0, normalized.Value!.Value, 6);
        Assert.Equal("Cel", normalized.Unit);
    }

    [Fact]
    public void Rejects_fahrenheit_value_sent_as_celsius() =>
        Assert.Equal("value", MeasurementValidator.Default.Validate(Reading("8310-5", 98.6, "Cel"), out _)!.Field);

    [Fact]
    public void Converts_glucose_mmol_per_litre_with_the_nightscout_factor()
    {
        Assert.Null(MeasurementValidator.Default.Validate(Reading("99504-3", 5.5, "mmol/L"), out var normalized));
        Assert.Equal(5.5 * 18.01559, normalized.Value!.Value, 9);
    }

    [Fact]
    public void Rejects_unknown_code_naming_the_code_field()
    {
        var error = MeasurementValidator.Default.Validate(Reading("0000-0", 1, "/min"), out _);
        Assert.Equal("code", error!.Field);
    }

    [Fact]
    public void Rejects_wrong_unit_naming_the_unit_field() =>
        Assert.Equal("unit", MeasurementValidator.Default.Validate(Reading("8867-4", 72, "kg"), out _)!.Field);

    [Fact]
    public void Rejects_missing_time()
    {
        var reading = Reading("8867-4", 72, "/min") with { DeviceTime = default };
        Assert.Equal("time", MeasurementValidator.Default.Validate(reading, out _)!.Field);
    }

    [Fact]
    public void Validates_blood_pressure_panel_components_and_converts_kpa()
    {
        var panel = Reading("85354-9", null, "") with
        {
            Components =
            [
                new(ObservationCode.Loinc("8480-6"), 16, "kPa"),
                new(ObservationCode.Loinc("8462-4"), 80, "mm[Hg]"),
            ],
        };
        Assert.Null(MeasurementValidator.Default.Validate(panel, out var normalized));
        Assert.Equal(16 * 7.50062, normalized.Components[0].Value, 9);
    }

    [Fact]
    public void Rejects_blood_pressure_with_diastolic_above_systolic()
    {
        var panel = Reading("85354-9", null, "") with
        {
            Components = ImmutableArray.Create(
                new MeasurementComponent(ObservationCode.Loinc("8480-6"), 80, "mm[Hg]"),
                new MeasurementComponent(ObservationCode.Loinc("8462-4"), 120, "mm[Hg]")),
        };
        Assert.Equal("components", MeasurementValidator.Default.Validate(panel, out _)!.Field);
    }

    [Fact]
    public void Rejects_panel_missing_a_required_component()
    {
        var panel = Reading("85354-9", null, "") with
        {
            Components = [new(ObservationCode.Loinc("8480-6"), 120, "mm[Hg]")],
        };
        Assert.Contains("8462-4", MeasurementValidator.Default.Validate(panel, out _)!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m\\ud800", "id")]
    [InlineData("\\udc00x", "id")]
    public void Ids_with_an_unpaired_surrogate_are_rejected(string escaped, string field)
    {
        var id = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var error = MeasurementValidator.Default.Validate(Reading("8867-4", 72, "/min") with { MessageId = id }, out _);

        Assert.Equal(field, error?.Field);
        Assert.Contains("surrogate", error!.Reason, StringComparison.Ordinal);
        Assert.Null(MeasurementValidator.CheckId("heart-" + char.ConvertFromUtf32(0x1F493), "id"));
    }
}
