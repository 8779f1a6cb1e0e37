using System.Collections.Immutable;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Decides which parts of an Observation become which measurements before anything is checked in detail:
/// a catalogue scalar from valueQuantity; a catalogue panel (blood pressure 85354-9) from its components
/// when the required ones are present, otherwise each present component on its own; catalogue components
/// of any other panel (e.g. the vital-signs panel 85353-1) as separate measurements; SampledData as waveforms.
/// </summary>
internal sealed class MeasurementPlan
{
    private const string Root = "Observation";

    private readonly List<Item> _items = [];

    public bool IsEmpty => _items.Count == 0;

    public static MeasurementPlan Build(Observation o, ObservationCode? code, VitalSignCatalogue catalogue, ImmutableArray<FhirIssue>.Builder notes)
    {
        var plan = new MeasurementPlan();
        VitalSignType? type = code is { } c && catalogue.TryGet(c, out var t) ? t : null;
        if (o.ValueSampledData is { } sampled)
        {
            if (code is { } waveCode)
            {
                plan._items.Add(new Item(ItemKind.Waveform, waveCode, $"{Root}.valueSampledData", null, sampled, []));
            }
            else
            {
                notes.Add(FhirIssue.Information($"{Root}.code", "SampledData without a LOINC or MDC code; not stored"));
            }
        }
        else if (o.ValueQuantity is { } quantity)
        {
            if (type is { IsPanel: false })
            {
                plan._items.Add(new Item(ItemKind.Scalar, type.Code, $"{Root}.valueQuantity", quantity, null, []));
            }
            else
            {
                notes.Add(FhirIssue.Information($"{Root}.code", $"{Describe(code)} is not a vital sign in the catalogue; valueQuantity not stored"));
            }
        }
        else if (OtherValueName(o) is { } name)
        {
            notes.Add(FhirIssue.Information($"{Root}.{name}", $"{name} is not a numeric quantity; not stored"));
        }

        if (o.Component is { Count: > 0 } components)
        {
            if (type is { IsPanel: true })
            {
                plan.AddPanel(type, components, catalogue, notes);
            }
            else
            {
                plan.AddSeparateComponents(components, code, catalogue, notes);
            }
        }

        return plan;
    }

    public FhirResult<MappedObservation> Materialise(Context context, ImmutableArray<FhirIssue>.Builder notes)
    {
        var measurements = ImmutableArray.CreateBuilder<MappedMeasurement>();
        var waveforms = ImmutableArray.CreateBuilder<WaveformChunk>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _items)
        {
            switch (item.Kind)
            {
                case ItemKind.Scalar:
                    if (FhirQuantityReader.TryRead(item.Quantity!, item.Path, out var value, out var unit) is { } scalarError)
                    {
                        return scalarError;
                    }

                    measurements.Add(new(Measurement(context, item, UniqueId(context, item, usedIds)) with { Value = value, Unit = unit }, item.Path));
                    break;
                case ItemKind.Panel:
                    var parts = ImmutableArray.CreateBuilder<MeasurementComponent>(item.Parts.Length);
                    foreach (var part in item.Parts)
                    {
                        if (FhirQuantityReader.TryRead(part.Quantity!, part.Path, out var partValue, out var partUnit) is { } partError)
                        {
                            return partError;
                        }

                        parts.Add(new MeasurementComponent(part.Code, partValue, partUnit));
                    }

                    measurements.Add(new(Measurement(context, item, UniqueId(context, item, usedIds)) with { Components = parts.ToImmutable() }, item.Path, [.. item.Parts.Select(p => p.Path)]));
                    break;
                default:
                    var decoded = SampledDataDecoder.Decode(item.Sampled!, item.Path, new(item.Code, context.DeviceId, context.PatientId, context.Time), context.MaxSamples);
                    if (!decoded.IsSuccess)
                    {
                        return decoded.Issues;
                    }

                    waveforms.AddRange(decoded.Value);
                    break;
            }
        }

        return FhirResult<MappedObservation>.Ok(new MappedObservation
        {
            MessageId = context.MessageId,
            DeviceId = context.DeviceId,
            PatientId = context.PatientId,
            Measurements = measurements.ToImmutable(),
            Waveforms = waveforms.ToImmutable(),
            Notes = notes.ToImmutable(),
        });
    }

    private static Measurement Measurement(Context context, Item item, string messageId) => new()
    {
        DeviceId = context.DeviceId,
        MessageId = messageId,
        PatientId = context.PatientId,
        Code = item.Code,
        DeviceTime = context.Time,
    };

    // The Observation's own reading keeps its id; readings split out of components get id/code.
    private static string UniqueId(Context context, Item item, HashSet<string> used)
    {
        var id = item.Path is $"{Root}.valueQuantity" or Root ? context.MessageId : $"{context.MessageId}/{item.Code.Code}";
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{id}#{n}";
        }

        return candidate;
    }

    private void AddPanel(VitalSignType panel, IReadOnlyList<ObservationComponent> components, VitalSignCatalogue catalogue, ImmutableArray<FhirIssue>.Builder notes)
    {
        var parts = ImmutableArray.CreateBuilder<Item>();
        for (var i = 0; i < components.Count; i++)
        {
            var path = $"{Root}.component[{i}]";
            var component = components[i];
            var code = FhirCodeSelector.Select(component?.Code, catalogue);
            if (component is null || code is not { } c || !panel.ComponentCodes.Contains(c))
            {
                notes.Add(FhirIssue.Information($"{path}.code", $"{Describe(code)} is not a component of {panel.Name}; not stored"));
            }
            else if (component.ValueQuantity is { } q)
            {
                parts.Add(new Item(ItemKind.Scalar, c, $"{path}.valueQuantity", q, null, []));
            }
            else
            {
                notes.Add(FhirIssue.Information($"{path}.value[x]", component.DataAbsentReason is null
                    ? "component without valueQuantity; not stored"
                    : "component value absent (dataAbsentReason); not stored"));
            }
        }

        if (panel.RequiredComponents.All(r => parts.Any(p => p.Code == r)))
        {
            _items.Add(new Item(ItemKind.Panel, panel.Code, Root, null, null, parts.ToImmutable()));
            return;
        }

        if (parts.Count > 0)
        {
            notes.Add(FhirIssue.Information($"{Root}.component", $"incomplete {panel.Name}: components stored as separate readings"));
        }

        _items.AddRange(parts.Where(p => catalogue.TryGet(p.Code, out var t) && !t.IsPanel));
    }

    private void AddSeparateComponents(IReadOnlyList<ObservationComponent> components, ObservationCode? parentCode, VitalSignCatalogue catalogue, ImmutableArray<FhirIssue>.Builder notes)
    {
        for (var i = 0; i < components.Count; i++)
        {
            var path = $"{Root}.component[{i}]";
            var component = components[i];
            var code = FhirCodeSelector.Select(component?.Code, catalogue);
            if (component?.ValueSampledData is { } sampled && (code ?? parentCode) is { } waveCode)
            {
                _items.Add(new Item(ItemKind.Waveform, waveCode, $"{path}.valueSampledData", null, sampled, []));
            }
            else if (component?.ValueQuantity is { } q && code is { } c && catalogue.TryGet(c, out var t) && !t.IsPanel)
            {
                _items.Add(new Item(ItemKind.Scalar, c, $"{path}.valueQuantity", q, null, []));
            }
            else
            {
                notes.Add(FhirIssue.Information(path, $"component {Describe(code)} is not a catalogue vital sign with a quantity; not stored"));
            }
        }
    }

    private static string Describe(ObservationCode? code) => code is { } c ? $"code {c.Code}" : "a code without LOINC or MDC coding";

    private static string? OtherValueName(Observation o) =>
        o.ValueCodeableConcept is not null ? "valueCodeableConcept"
        : o.ValueString is not null ? "valueString"
        : o.ValueBoolean is not null ? "valueBoolean"
        : o.ValueInteger is not null ? "valueInteger"
        : o.ValueRange is not null ? "valueRange"
        : o.ValueRatio is not null ? "valueRatio"
        : o.ValueTime is not null ? "valueTime"
        : o.ValueDateTime is not null ? "valueDateTime"
        : o.ValuePeriod is not null ? "valuePeriod"
        : null;

    /// <summary>Ids and time shared by every reading of one Observation.</summary>
    public readonly record struct Context(string MessageId, string DeviceId, string? PatientId, DateTimeOffset Time, int MaxSamples);

    private enum ItemKind
    {
        Scalar,
        Panel,
        Waveform,
    }

    private sealed record Item(ItemKind Kind, ObservationCode Code, string Path, Quantity? Quantity, SampledData? Sampled, ImmutableArray<Item> Parts);
}
