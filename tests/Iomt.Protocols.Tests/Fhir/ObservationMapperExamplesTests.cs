using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Protocols.Fhir.Mapping;
using Xunit.Abstractions;

namespace Iomt.Protocols.Tests.Fhir;

public class ObservationMapperExamplesTests(ITestOutputHelper output)
{
    private static readonly ObservationMapper Mapper = ObservationMapper.Default;

    private static MappedObservation MapExample(string name)
    {
        var result = Mapper.Map(FhirExamples.Read(name));
        Assert.True(result.IsSuccess, $"{name}: {result.FirstError}");
        return result.Value;
    }

    [Fact]
    public void Every_observation_example_is_accepted_and_mapped()
    {
        int measurements = 0, waveforms = 0, empty = 0, validAfterCatalogue = 0;
        foreach (var file in FhirExamples.ObservationExamples())
        {
            var mapped = MapExample(Path.GetFileName(file));
            measurements += mapped.Measurements.Length;
            waveforms += mapped.Waveforms.Length;
            empty += mapped.IsEmpty ? 1 : 0;
            foreach (var m in mapped.Measurements)
            {
                var error = MeasurementValidator.Default.Validate(m.Measurement, out _);
                validAfterCatalogue += error is null ? 1 : 0;
                output.WriteLine($"{Path.GetFileName(file)}: {m.Measurement.Code.Code} {m.Measurement.Value} {m.Measurement.Unit} comps={m.Measurement.Components.Length} id={m.Measurement.MessageId} patient={m.Measurement.PatientId} device={m.Measurement.DeviceId} → {error?.ToString() ?? "valid"}");
            }

            if (mapped.IsEmpty)
            {
                output.WriteLine($"{Path.GetFileName(file)}: nothing stored ({mapped.Notes.FirstOrDefault()})");
            }
        }

        output.WriteLine($"measurements={measurements} waveforms={waveforms} empty={empty} catalogueValid={validAfterCatalogue}");
        Assert.Equal(64, FhirExamples.ObservationExamples().Length);
        Assert.Equal(13, measurements);
        Assert.Equal(3, waveforms);
        Assert.Equal(validAfterCatalogue, measurements);
    }

    [Fact]
    public void Blood_pressure_panel_maps_to_one_reading_with_systolic_and_diastolic_components()
    {
        var mapped = MapExample("observation-example-bloodpressure.json");
        var bp = Assert.Single(mapped.Measurements).Measurement;
        Assert.Equal(ObservationCode.Loinc("85354-9"), bp.Code);
        Assert.Equal("example", bp.PatientId);
        Assert.Equal(new DateTimeOffset(2012, 9, 17, 0, 0, 0, TimeSpan.Zero), bp.DeviceTime);
        Assert.Equal(
            [new MeasurementComponent(ObservationCode.Loinc("8480-6"), 107, "mm[Hg]"), new MeasurementComponent(ObservationCode.Loinc("8462-4"), 60, "mm[Hg]")],
            bp.Components.ToArray());
    }

    [Fact]
    public void Blood_pressure_with_absent_diastolic_keeps_the_systolic_as_its_own_reading()
    {
        var mapped = MapExample("observation-example-bloodpressure-dar.json");
        var systolic = Assert.Single(mapped.Measurements).Measurement;
        Assert.Equal(ObservationCode.Loinc("8480-6"), systolic.Code);
        Assert.Equal(107, systolic.Value);
        Assert.Contains(mapped.Notes, n => n.Expression == "Observation.component[1].value[x]");
    }

    [Fact]
    public void Sampled_data_ecg_leads_become_waveform_chunks()
    {
        var mapped = MapExample("observation-example-sample-data.json");
        Assert.Empty(mapped.Measurements);
        Assert.Equal(["131329", "131330", "131389"], mapped.Waveforms.Select(w => w.Code.Code));
        var lead = mapped.Waveforms[0];
        Assert.Equal(CodeSystems.Mdc, lead.Code.System);
        Assert.Equal(100, lead.SampleRateHz);
        Assert.Equal(1.612, lead.Gain);
        Assert.Equal(2048, lead.Offset);
        Assert.Equal("f001", lead.PatientId);
        Assert.Equal(new DateTimeOffset(2015, 2, 19, 8, 30, 35, TimeSpan.Zero), lead.Start);
        Assert.Equal(2041, lead.Samples[0]);
        Assert.Equal(2073, lead.Samples[^1]);
        Assert.True(lead.Samples.Length > 100);
    }

    [Fact]
    public void Oxygen_saturation_prefers_the_catalogue_loinc_code_and_reads_the_device()
    {
        var mapped = MapExample("observation-example-satO2.json");
        var spo2 = Assert.Single(mapped.Measurements).Measurement;
        Assert.Equal(ObservationCode.Loinc("2708-6"), spo2.Code);
        Assert.Equal(95, spo2.Value);
        Assert.Equal("%", spo2.Unit);
        Assert.Equal("example", spo2.DeviceId);
        Assert.Equal("o1223435-10", spo2.MessageId);
    }

    [Fact]
    public void Body_weight_in_pounds_keeps_the_ucum_unit_for_the_catalogue_to_convert()
    {
        var weight = Assert.Single(MapExample("observation-example.json").Measurements).Measurement;
        Assert.Equal(185, weight.Value);
        Assert.Equal("[lb_av]", weight.Unit);
        Assert.Null(MeasurementValidator.Default.Validate(weight, out var normalized));
        Assert.Equal(83.9, normalized.Value!.Value, 1);
    }

    [Fact]
    public void Non_vital_observations_are_accepted_with_a_note_and_nothing_to_store()
    {
        var mapped = MapExample("observation-example-eye-color.json");
        Assert.True(mapped.IsEmpty);
        Assert.Equal("Observation.valueString", Assert.Single(mapped.Notes).Expression);
    }
}
