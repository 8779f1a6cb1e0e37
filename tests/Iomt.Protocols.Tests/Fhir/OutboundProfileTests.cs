using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Protocols.Fhir.Model;
using Iomt.Protocols.Fhir.Outbound;
using Iomt.Protocols.Fhir.Profiles;
using Xunit.Abstractions;

namespace Iomt.Protocols.Tests.Fhir;

public class OutboundProfileTests(ITestOutputHelper output)
{
    private static readonly Lazy<VitalSignsProfileSet> Profiles = new(() => VitalSignsProfileSet.Load(FhirExamples.Folder));

    private static ProfileChecker Checker => new(Profiles.Value);

    private static Measurement Typical(VitalSignType type)
    {
        var m = new Measurement
        {
            DeviceId = "dev-1",
            MessageId = $"msg-{type.Name}",
            PatientId = "p-42",
            Code = type.Code,
            DeviceTime = new DateTimeOffset(2026, 3, 14, 9, 15, 0, TimeSpan.Zero),
        };
        if (!type.IsPanel)
        {
            return m with { Value = Math.Round((type.Min + type.Max) / 2, 1), Unit = type.CanonicalUnit };
        }

        var values = new Dictionary<string, (double, string)> { ["8480-6"] = (120, "mm[Hg]"), ["8462-4"] = (80, "mm[Hg]"), ["8478-0"] = (93, "mm[Hg]"), ["8867-4"] = (60, "/min") };
        return m with { Components = [.. type.ComponentCodes.Select(c => new MeasurementComponent(c, values[c.Code].Item1, values[c.Code].Item2))] };
    }

    [Fact]
    public void Structure_definitions_yield_the_rules_the_checker_relies_on()
    {
        var p = Profiles.Value;
        Assert.Equal(11, p.Profiles.Count);
        var hr = p.Find("http://hl7.org/fhir/StructureDefinition/heartrate")!;
        Assert.Contains("subject", hr.RequiredElements);
        Assert.Contains("effective[x]", hr.RequiredElements);
        Assert.Equal([new ProfileCoding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")], hr.RequiredCategories.ToArray());
        Assert.Equal([new ProfileCoding("http://loinc.org", "8867-4")], hr.RequiredCodes.ToArray());
        Assert.Equal("/min", hr.FixedUnitCode);
        Assert.Contains("value", hr.RequiredQuantityParts);
        var bp = p.Find("http://hl7.org/fhir/StructureDefinition/bp")!;
        Assert.Equal(2, bp.MinComponents);
        Assert.Equal(["8480-6", "8462-4"], bp.Components.Select(c => c.Code.Code));
        Assert.All(bp.Components, c => Assert.Equal("mm[Hg]", c.FixedUnitCode));
        Assert.Equal(12, p.VitalSignUnits.Count);
    }

    [Fact]
    public void Every_catalogue_vital_sign_goes_out_as_an_observation_that_satisfies_its_profiles()
    {
        var checkedCount = 0;
        var specific = 0;
        foreach (var type in VitalSignCatalogue.Default.Types)
        {
            var observation = ObservationBuilder.Default.Build(Typical(type)).Value;
            var profiles = observation.Meta?.Profile ?? [];
            if (type.Code.System == CodeSystems.OpenIomt)
            {
                Assert.Empty(profiles); // environment and device status are not vital signs
                continue;
            }

            var issues = Checker.CheckClaimedProfiles(observation).AddRange(Checker.Check(observation, Profiles.Value.Find(VitalSignProfileMap.VitalSigns)!));
            var claimed = Assert.Single(profiles);
            output.WriteLine($"{type.Name} → {claimed}: {(issues.IsEmpty ? "conforms" : string.Join("; ", issues))}");
            Assert.True(issues.IsEmpty, $"{type.Name}: {string.Join("; ", issues)}");
            checkedCount++;
            specific += claimed != VitalSignProfileMap.VitalSigns ? 1 : 0;
        }

        output.WriteLine($"{checkedCount} checked, {specific} against a specific profile");
        Assert.Equal(36, checkedCount);
        Assert.Equal(12, specific);
    }

    [Fact]
    public void Pulse_oximetry_saturation_carries_the_fixed_2708_6_beside_59408_5()
    {
        VitalSignCatalogue.Default.TryGetByName("spo2-pulse-oximetry", out var type);
        var observation = ObservationBuilder.Default.Build(Typical(type)).Value;
        Assert.Equal(["59408-5", "2708-6"], observation.Code!.Coding!.Select(c => c.Code!));
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/oxygensat", observation.Meta!.Profile![0]);
    }

    [Fact]
    public void Outbound_observation_maps_back_to_the_same_measurement()
    {
        foreach (var type in VitalSignCatalogue.Default.Types.Where(t => t.Code.System != CodeSystems.OpenIomt))
        {
            var original = Typical(type);
            var json = FhirJson.Serialize(ObservationBuilder.Default.Build(original).Value);
            var back = ObservationMapper.Default.Map(json);
            Assert.True(back.IsSuccess, $"{type.Name}: {back.FirstError}");
            var m = Assert.Single(back.Value.Measurements).Measurement;
            Assert.Equal(original.Code, m.Code);
            Assert.Equal(original.Value, m.Value);
            Assert.Equal(original.Components.ToArray(), m.Components.ToArray());
            Assert.Equal((original.DeviceId, original.MessageId, original.PatientId, original.DeviceTime), (m.DeviceId, m.MessageId, m.PatientId, m.DeviceTime));
        }
    }

    [Fact]
    public void Outbound_waveform_maps_back_to_the_same_chunk_markers_included()
    {
        var original = new Iomt.Core.Waveforms.WaveformChunk
        {
            DeviceId = "holter-1",
            PatientId = "p-42",
            Code = ObservationCode.Mdc("131330"),
            Start = new DateTimeOffset(2026, 3, 14, 9, 15, 0, 250, TimeSpan.Zero),
            SampleRateHz = 360,
            Gain = 0.005,
            Offset = -5.12,
            Unit = "mV",
            Samples = [1024, -3, SampledDataMarkers.Error, SampledDataMarkers.BelowLowerLimit, SampledDataMarkers.AboveUpperLimit, 0],
        };

        var json = FhirJson.Serialize(ObservationBuilder.BuildWaveform(original, "ecg-1").Value);
        var back = ObservationMapper.Default.Map(json);

        Assert.True(back.IsSuccess, back.FirstError?.ToString());
        var chunk = Assert.Single(back.Value.Waveforms);
        Assert.Equal((original.DeviceId, original.PatientId, original.Code, original.Start, original.Gain, original.Offset, original.Unit), (chunk.DeviceId, chunk.PatientId, chunk.Code, chunk.Start, chunk.Gain, chunk.Offset, chunk.Unit));
        Assert.Equal(360, chunk.SampleRateHz, 9);
        Assert.Equal(original.Samples.ToArray(), chunk.Samples.ToArray());
    }

    [Fact]
    public void Outbound_three_axis_waveform_interleaves_its_channels_and_maps_back_to_them()
    {
        var x = new Iomt.Core.Waveforms.WaveformChunk
        {
            DeviceId = "belt-1",
            PatientId = "p-42",
            Code = Iomt.Core.Waveforms.WaveformCodes.Acceleration,
            Start = new DateTimeOffset(2026, 3, 14, 9, 15, 0, TimeSpan.Zero),
            SampleRateHz = 50,
            Gain = 1.0 / 256,
            Unit = "[g]",
            Samples = [256, 250, 3],
        };
        var y = x with { Channel = 1, Samples = [0, -4, SampledDataMarkers.Error] };
        var z = x with { Channel = 2, Samples = [7, 8, 9] };

        var observation = ObservationBuilder.BuildWaveform([x, y, z], "acc-1").Value;
        Assert.Equal("256 0 7 250 -4 8 3 E 9", observation.ValueSampledData!.Data);
        var back = ObservationMapper.Default.Map(FhirJson.Serialize(observation)).Value.Waveforms;

        Assert.Equal([0, 1, 2], back.Select(c => c.Channel));
        Assert.Equal([x.Samples.ToArray(), y.Samples.ToArray(), z.Samples.ToArray()], back.Select(c => c.Samples.ToArray()));
        Assert.All(back, c => Assert.Equal(("[g]", 1.0 / 256), (c.Unit, c.Gain)));
        Assert.False(ObservationBuilder.BuildWaveform([x, y with { SampleRateHz = 100 }], "bad").IsSuccess);
    }

    [Theory]
    [InlineData("observation-missing-subject.json", "Observation.subject")]
    [InlineData("observation-missing-effective.json", "Observation.effective[x]")]
    [InlineData("observation-valuequantity-without-value.json", "Observation.valueQuantity.value")]
    [InlineData("observation-unknown-ucum-unit.json", "Observation.valueQuantity.code")]
    public void Profile_checker_catches_the_profile_level_invalid_files(string file, string expression)
    {
        var observation = FhirJson.ParseObservation(FhirExamples.ReadInvalid(file)).Value;
        var issues = Checker.CheckClaimedProfiles(observation);
        Assert.Equal(expression, Assert.Single(issues).Expression);
    }

    [Fact]
    public void Vital_sign_examples_that_claim_a_profile_conform_to_it()
    {
        string[] files = ["heart-rate", "respiratory-rate", "body-temperature", "bmi", "body-height", "head-circumference", "satO2", "bloodpressure"];
        foreach (var name in files)
        {
            var observation = FhirJson.ParseObservation(FhirExamples.Read($"observation-example-{name}.json")).Value;
            var profile = Profiles.Value.Find($"http://hl7.org/fhir/StructureDefinition/{ProfileOf(observation)}")!;
            Assert.Empty(Checker.Check(observation, profile));
        }
    }

    private static string ProfileOf(Observation o)
    {
        var code = o.Code!.Coding![0].Code!;
        VitalSignProfileMap.TryGet(code, out var url, out _, out _);
        return url[VitalSignProfileMap.Base.Length..];
    }
}
