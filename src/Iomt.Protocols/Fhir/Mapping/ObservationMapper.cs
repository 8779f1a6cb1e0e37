using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Maps a FHIR R4 Observation to <see cref="Measurement"/>s and <see cref="WaveformChunk"/>s. Base R4 rules
/// (status, code, dates) apply to every Observation; the vital-signs profile rules (subject, effective[x],
/// value, UCUM unit) apply to the parts that become measurements. Valid Observations the catalogue does not
/// hold map to nothing, with a note saying why.
/// </summary>
public sealed class ObservationMapper(VitalSignCatalogue catalogue, ObservationMappingOptions options)
{
    private const string Root = "Observation";

    // R4 ValueSet observation-status (required binding).
    private static readonly FrozenSet<string> Statuses = FrozenSet.Create(StringComparer.Ordinal,
        "registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown");

    private static readonly FrozenSet<string> StoredStatuses = FrozenSet.Create(StringComparer.Ordinal,
        "preliminary", "final", "amended", "corrected");

    /// <summary>A mapper over the default catalogue and options.</summary>
    public static ObservationMapper Default { get; } = new(VitalSignCatalogue.Default, new ObservationMappingOptions());

    /// <summary>Parses and maps an Observation from JSON.</summary>
    public FhirResult<MappedObservation> Map(ReadOnlySpan<byte> json)
    {
        var parsed = FhirJson.ParseObservation(json);
        return parsed.IsSuccess ? Map(parsed.Value) : parsed.Issues;
    }

    /// <summary>Maps <paramref name="observation"/>; <paramref name="resolver"/> resolves Bundle-internal references.</summary>
    public FhirResult<MappedObservation> Map(Observation observation, IFhirReferenceResolver? resolver = null, string? fullUrl = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (CheckBase(observation, out var effective, out var partialDate) is { } baseError)
        {
            return baseError;
        }

        var notes = ImmutableArray.CreateBuilder<FhirIssue>();
        if (MessageIdOf(observation, fullUrl) is not { } messageId)
        {
            return FhirIssue.Structure(Root, "the resource holds text that is not valid Unicode (a lone surrogate escape)");
        }

        var code = FhirCodeSelector.Select(observation.Code, catalogue);
        if (!StoredStatuses.Contains(observation.Status!))
        {
            notes.Add(FhirIssue.Information($"{Root}.status", $"status '{observation.Status}' carries no reading to store"));
            return Empty(messageId, notes);
        }

        var plan = MeasurementPlan.Build(observation, code, catalogue, notes);
        if (plan.IsEmpty)
        {
            if (code is { } c && catalogue.TryGet(c, out _) && NoValueAtAll(observation))
            {
                // vital-signs vs-2: without component or hasMember, value[x] or dataAbsentReason must be present.
                return FhirIssue.Required($"{Root}.value[x]", $"a value or dataAbsentReason is required for {c.Code}");
            }

            if (notes.Count == 0)
            {
                notes.Add(FhirIssue.Information($"{Root}.code", code is { } other
                    ? $"{other.Code} ({other.System}) is not in the vital-sign catalogue; not stored"
                    : "no LOINC or MDC coding; not stored"));
            }

            return Empty(messageId, notes);
        }

        // vital-signs profile: subject 1..1 (a Patient) and effective[x] 1..1.
        if (observation.Subject is null)
        {
            return FhirIssue.Required($"{Root}.subject", "subject (the Patient) is required for vital signs");
        }

        var subject = FhirReferences.Resolve(observation.Subject, resolver);
        if (subject is null)
        {
            return FhirIssue.Required($"{Root}.subject", "subject needs a reference or an identifier");
        }

        string? patientId = subject.Value.Type is null or "Patient" ? subject.Value.Id : null;
        if (patientId is null && subject.Value.Type is not "Device")
        {
            return FhirIssue.Invalid($"{Root}.subject", $"subject must reference a Patient, not a {subject.Value.Type}");
        }

        if (effective is not { } time)
        {
            return FhirIssue.Required($"{Root}.effective[x]", "effectiveDateTime, effectivePeriod or effectiveInstant is required");
        }

        if (partialDate)
        {
            notes.Add(FhirIssue.Information($"{Root}.effective[x]", "date without time: taken as 00:00 UTC"));
        }

        var device = FhirReferences.Resolve(observation.Device, resolver);
        var deviceId = device?.Id ?? (subject.Value.Type == "Device" ? subject.Value.Id : options.DefaultDeviceId);
        if (observation.Device is { } d && device is null)
        {
            notes.Add(FhirIssue.Information($"{Root}.device", $"device has no reference or identifier; readings attributed to '{deviceId}'"));
        }

        return plan.Materialise(new MeasurementPlan.Context(messageId, deviceId, patientId, time, options.MaxSamples), notes);
    }

    private static FhirResult<MappedObservation> Empty(string messageId, ImmutableArray<FhirIssue>.Builder notes) =>
        FhirResult<MappedObservation>.Ok(new MappedObservation { MessageId = messageId, DeviceId = "", Notes = notes.ToImmutable() });

    private static bool NoValueAtAll(Observation o) =>
        o.ValueQuantity is null && o.ValueCodeableConcept is null && o.ValueString is null && o.ValueBoolean is null &&
        o.ValueInteger is null && o.ValueRange is null && o.ValueRatio is null && o.ValueSampledData is null &&
        o.ValueTime is null && o.ValueDateTime is null && o.ValuePeriod is null && o.DataAbsentReason is null &&
        o.Component is not { Count: > 0 } && o.HasMember is not { Count: > 0 };

    private static FhirIssue? CheckBase(Observation o, out DateTimeOffset? effective, out bool partial)
    {
        effective = null;
        partial = false;
        if (o.Status is null)
        {
            return FhirIssue.Required($"{Root}.status", "status is required (1..1)");
        }

        if (!Statuses.Contains(o.Status))
        {
            return FhirIssue.CodeInvalid($"{Root}.status", $"'{o.Status}' is not in the ValueSet observation-status");
        }

        if (o.Code is null)
        {
            return FhirIssue.Required($"{Root}.code", "code is required (1..1)");
        }

        if (o.EffectiveDateTime is { } dt)
        {
            if (!FhirDateTime.TryParse(dt, out var t, out partial))
            {
                return FhirIssue.Value($"{Root}.effectiveDateTime", $"'{dt}' is not a FHIR dateTime (YYYY-MM-DDThh:mm:ss+zz:zz)");
            }

            effective = t;
        }

        if (o.EffectiveInstant is { } instant)
        {
            if (!FhirDateTime.TryParseInstant(instant, out var t))
            {
                return FhirIssue.Value($"{Root}.effectiveInstant", $"'{instant}' is not a FHIR instant");
            }

            effective ??= t;
        }

        if (o.EffectivePeriod is { } period)
        {
            DateTimeOffset start = default, end = default;
            bool startPartial = false, endPartial = false;
            if (period.Start is not null && !FhirDateTime.TryParse(period.Start, out start, out startPartial))
            {
                return FhirIssue.Value($"{Root}.effectivePeriod.start", $"'{period.Start}' is not a FHIR dateTime");
            }

            if (period.End is not null && !FhirDateTime.TryParse(period.End, out end, out endPartial))
            {
                return FhirIssue.Value($"{Root}.effectivePeriod.end", $"'{period.End}' is not a FHIR dateTime");
            }

            if (period.Start is not null && period.End is not null && end < start)
            {
                return FhirIssue.Value($"{Root}.effectivePeriod", "end is before start (per-1)");
            }

            // A reading over a period is stamped with its start (when known).
            if (effective is null && (period.Start ?? period.End) is not null)
            {
                effective = period.Start is not null ? start : end;
                partial = period.Start is not null ? startPartial : endPartial;
            }
        }

        if (o.Issued is { } issued && !FhirDateTime.TryParseInstant(issued, out _))
        {
            return FhirIssue.Value($"{Root}.issued", $"'{issued}' is not a FHIR instant");
        }

        return null;
    }

    private static string? MessageIdOf(Observation o, string? fullUrl)
    {
        if (o.Identifier?.FirstOrDefault(i => !string.IsNullOrEmpty(i?.Value))?.Value is { } identifier)
        {
            return identifier;
        }

        if (!string.IsNullOrEmpty(o.Id))
        {
            return o.Id;
        }

        if (!string.IsNullOrEmpty(fullUrl))
        {
            return fullUrl;
        }

        // No id at all: a hash of the content makes a resend of the same Observation a duplicate.
        // Unmodelled elements are kept verbatim and may hold escapes (\ud800) that cannot be re-written.
        try
        {
            var hash = SHA256.HashData(FhirJson.Serialize(o));
            return "sha256:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
