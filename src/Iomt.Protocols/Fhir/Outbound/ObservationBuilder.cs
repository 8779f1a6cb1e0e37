using System.Globalization;
using System.Text;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Protocols.Fhir.Model;
using Iomt.Protocols.Fhir.Terminology;

namespace Iomt.Protocols.Fhir.Outbound;

/// <summary>
/// Builds the FHIR R4 Observation for a stored <see cref="Measurement"/>, conforming to the vital-signs profiles
/// (status final, category vital-signs, LOINC code plus the profile's fixed code, UCUM valueQuantity, subject,
/// effectiveDateTime, device, identifier = message id so the reading keeps its idempotency key).
/// </summary>
public sealed class ObservationBuilder(VitalSignCatalogue catalogue)
{
    /// <summary>Identifier system of the message ids the platform assigns to readings.</summary>
    public const string MessageIdSystem = "https://openiomt.org/fhir/message-id";

    /// <summary>The observation-category code system.</summary>
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>A builder over the default catalogue.</summary>
    public static ObservationBuilder Default { get; } = new(VitalSignCatalogue.Default);

    /// <summary>The Observation for <paramref name="m"/>; fails when the reading has no patient (vital-signs subject is 1..1).</summary>
    public FhirResult<Observation> Build(Measurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (string.IsNullOrEmpty(m.PatientId))
        {
            return FhirIssue.Required("Observation.subject", "the reading has no patient; vital-signs Observations need a subject");
        }

        var isVital = m.Code.System == CodeSystems.Loinc || m.Code.System == CodeSystems.Mdc;
        // Our own (most specific) code first: inbound mapping takes the first catalogue LOINC code.
        var codings = new List<Coding> { new() { System = m.Code.System, Code = m.Code.Code, Display = Display(m.Code) } };
        string? profile = null;
        if (m.Code.System == CodeSystems.Loinc && VitalSignProfileMap.TryGet(m.Code.Code, out var url, out var fixedCode, out var fixedDisplay))
        {
            profile = url;
            if (fixedCode != m.Code.Code)
            {
                codings.Add(new Coding { System = CodeSystems.Loinc, Code = fixedCode, Display = fixedDisplay });
            }
        }
        else if (isVital)
        {
            profile = VitalSignProfileMap.VitalSigns;
        }

        var observation = new Observation
        {
            Meta = profile is null ? null : new Meta { Profile = [profile] },
            Identifier = [new Identifier { System = MessageIdSystem, Value = m.MessageId }],
            Status = "final",
            Category = isVital
                ? [new CodeableConcept { Coding = [new Coding { System = CategorySystem, Code = "vital-signs", Display = "Vital Signs" }], Text = "Vital Signs" }]
                : null,
            Code = new CodeableConcept { Coding = codings, Text = Display(m.Code) },
            Subject = new ResourceReference { Target = $"Patient/{m.PatientId}" },
            EffectiveDateTime = m.DeviceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Device = new ResourceReference { Target = $"Device/{m.DeviceId}" },
        };

        if (m.IsPanel)
        {
            return FhirResult<Observation>.Ok(observation with
            {
                Component = [.. m.Components.Select(c => new ObservationComponent
                {
                    Code = new CodeableConcept { Coding = [new Coding { System = c.Code.System, Code = c.Code.Code, Display = Display(c.Code) }] },
                    ValueQuantity = Quantity(c.Value, c.Unit),
                })],
            });
        }

        return m.Value is { } value
            ? FhirResult<Observation>.Ok(observation with { ValueQuantity = Quantity(value, m.Unit) })
            : FhirIssue.Required("Observation.value[x]", "the reading has neither a value nor components");
    }

    private string? Display(ObservationCode code) => catalogue.TryGet(code, out var type) ? type.Display : null;

    /// <summary>
    /// A waveform chunk as an Observation with valueSampledData (origin = offset, factor = gain, period = 1000 / rate
    /// ms; markers as E, L and U), the inverse of the inbound SampledData mapping. <paramref name="messageId"/> becomes
    /// the identifier (the idempotency key of a resend).
    /// </summary>
    public static FhirResult<Observation> BuildWaveform(WaveformChunk chunk, string messageId) => BuildWaveform([chunk], messageId);

    /// <summary>
    /// The channels of one multi-dimensional signal (e.g. an accelerometer's x, y, z) as one Observation whose
    /// SampledData interleaves them (<c>dimensions</c> = the number of channels). They must share device, patient,
    /// code, start, rate, length, gain, offset and unit, as SampledData has one of each.
    /// </summary>
    public static FhirResult<Observation> BuildWaveform(IReadOnlyList<WaveformChunk> channels, string messageId)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            return FhirIssue.Required("Observation.valueSampledData", "no channel to send");
        }

        var first = channels[0];
        if (string.IsNullOrEmpty(first.PatientId))
        {
            return FhirIssue.Required("Observation.subject", "the chunk has no patient");
        }

        if (channels.Any(c => c.DeviceId != first.DeviceId || c.PatientId != first.PatientId || c.Code != first.Code || c.Start != first.Start
            || c.SampleRateHz != first.SampleRateHz || c.Samples.Length != first.Samples.Length || c.Gain != first.Gain || c.Offset != first.Offset || c.Unit != first.Unit))
        {
            return FhirIssue.Value("Observation.valueSampledData", "the channels of one SampledData must share device, patient, code, start, rate, length, gain, offset and unit");
        }

        var data = new StringBuilder(first.Samples.Length * channels.Count * 5);
        for (var i = 0; i < first.Samples.Length; i++)
        {
            foreach (var channel in channels)
            {
                if (data.Length > 0)
                {
                    data.Append(' ');
                }

                _ = channel.Samples[i] switch
                {
                    SampledDataMarkers.Error => data.Append('E'),
                    SampledDataMarkers.BelowLowerLimit => data.Append('L'),
                    SampledDataMarkers.AboveUpperLimit => data.Append('U'),
                    var sample => data.Append(sample.ToString(CultureInfo.InvariantCulture)),
                };
            }
        }

        return FhirResult<Observation>.Ok(new Observation
        {
            Identifier = [new Identifier { System = MessageIdSystem, Value = messageId }],
            Status = "final",
            Code = new CodeableConcept { Coding = [new Coding { System = first.Code.System, Code = first.Code.Code }] },
            Subject = new ResourceReference { Target = $"Patient/{first.PatientId}" },
            Device = new ResourceReference { Target = $"Device/{first.DeviceId}" },
            EffectiveDateTime = first.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ValueSampledData = new SampledData
            {
                Origin = first.Unit.Length > 0 ? Quantity(first.Offset, first.Unit) : new Quantity { Value = FhirDecimal.From(first.Offset) },
                Period = FhirDecimal.From(1000.0 / first.SampleRateHz),
                Factor = FhirDecimal.From(first.Gain),
                Dimensions = channels.Count,
                Data = data.ToString(),
            },
        });
    }

    private static Quantity Quantity(double value, string unit) => new()
    {
        Value = FhirDecimal.From(value),
        Unit = unit,
        System = UcumSyntax.System,
        Code = unit,
    };
}
