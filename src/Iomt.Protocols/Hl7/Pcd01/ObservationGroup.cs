using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// One OBR and the OBX rows under it (IHE PCD TF-2 §3.1.4: ORU^R01 ORDER_OBSERVATION group). Containment ids
/// are resolved within the group, because each group may restate its MDS (see the two-OBR scale message).
/// </summary>
internal sealed class ObservationGroup
{
    private const NumberStyles NumericStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint |
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    private static readonly FrozenSet<string> KnownUcum = FrozenSet.Create(StringComparer.Ordinal,
        "mm[Hg]", "kPa", "/min", "%", "Cel", "[degF]", "mV", "kg", "cm", "kg/m2", "1", "g", "[lb_av]", "m", "[in_i]", "L", "mL", "L/min", "mg/dL", "mmol/L", "s", "ms");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UcumLookup = KnownUcum.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly List<Hl7Segment> _rows = [];

    private ObservationGroup(Hl7Segment? obr) => Obr = obr;

    /// <summary>The OBR, or null for OBX rows before any OBR.</summary>
    public Hl7Segment? Obr { get; }

    /// <summary>Groups the OBX rows of a message by their preceding OBR.</summary>
    public static List<ObservationGroup> Split(Hl7Message message)
    {
        var groups = new List<ObservationGroup>(2);
        ObservationGroup? current = null;
        foreach (var s in message.Segments)
        {
            if (s.Id == "OBR")
            {
                current = new ObservationGroup(s);
                groups.Add(current);
            }
            else if (s.Id == "OBX")
            {
                if (current is null)
                {
                    current = new ObservationGroup(null);
                    groups.Add(current);
                }

                current._rows.Add(s);
            }
        }

        return groups;
    }

    /// <summary>Maps the numeric rows of this group, adding observations and errors to the context.</summary>
    public void MapInto(Pcd01Mapper.MessageContext context, ImmutableArray<Pcd01Observation>.Builder output)
    {
        // Ancestor rows that carry a time (OBX-14) or an equipment id (OBX-18), by normalised containment; first wins.
        var index = new Dictionary<string, Hl7Segment>(StringComparer.Ordinal);
        foreach (var row in _rows)
        {
            if (!row.Field(14).IsEmpty || !row.Field(18).IsEmpty)
            {
                index.TryAdd(new string(ContainmentPath.Normalize(row.Field(4).Raw)), row);
            }
        }

        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var row in _rows)
        {
            if (row.Field(2).Raw.SequenceEqual("NM"))
            {
                MapRow(row, context, lookup, output);
            }
        }
    }

    private void MapRow(Hl7Segment row, Pcd01Mapper.MessageContext context, Dictionary<string, Hl7Segment>.AlternateLookup<ReadOnlySpan<char>> index, ImmutableArray<Pcd01Observation>.Builder output)
    {
        var errors = context.Errors;
        var before = errors.Count;
        var n = row.Sequence;

        var codeRaw = row.Field(3).Component(1).Raw;
        MdcObservationEntry? entry = null;
        if (codeRaw.IsEmpty)
        {
            errors.Add(Hl7Error.AtComponent("OBX", n, 3, Hl7ErrorCode.RequiredFieldMissing, "OBX-3 observation identifier is missing"));
        }
        else if (!int.TryParse(codeRaw, NumberStyles.None, CultureInfo.InvariantCulture, out var mdc) || !MdcObservationTable.TryGet(mdc, out entry))
        {
            errors.Add(Hl7Error.AtComponent("OBX", n, 3, Hl7ErrorCode.TableValueNotFound,
                $"Unsupported MDC observation identifier {row.Field(3).Component(1).Text} in OBX-3"));
        }

        var valueRaw = row.Field(5).Component(1).Raw;
        var value = 0.0;
        if (valueRaw.IsWhiteSpace())
        {
            errors.Add(Hl7Error.AtComponent("OBX", n, 5, Hl7ErrorCode.RequiredFieldMissing, "OBX-5 value is missing"));
        }
        else if (!double.TryParse(valueRaw, NumericStyle, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            errors.Add(Hl7Error.AtComponent("OBX", n, 5, Hl7ErrorCode.DataTypeError, $"OBX-5 value {row.Field(5).Component(1).Text} is not a valid NM number"));
        }

        var (unit, mdcUnit) = ReadUnit(row, errors);
        var time = ReadTime(row, context, index, out var hasOffset);
        var device = ReadDevice(row, context, index);
        if (device is null)
        {
            errors.Add(Hl7Error.AtComponent("OBX", n, 18, Hl7ErrorCode.RequiredFieldMissing,
                "No equipment identifier: OBX-18 is empty on the row and its ancestors, and OBR-3 / MSH-3 carry no EUI-64"));
        }

        if (errors.Count > before || entry is null || time is null || device is null)
        {
            return;
        }

        output.Add(new Pcd01Observation
        {
            Measurement = new Measurement
            {
                DeviceId = device,
                MessageId = context.MessageId(n),
                PatientId = context.PatientId,
                Code = entry.Code,
                Value = value,
                Unit = unit,
                DeviceTime = time.Value,
            },
            Mdc = entry.Mdc,
            MdcRefId = entry.RefId,
            MdcUnit = mdcUnit,
            VitalSignCode = entry.VitalSignCode,
            Containment = row.Field(4).Text,
            ObxSequence = n,
            TimeHasUtcOffset = hasOffset,
        });
    }

    private static (string Unit, int? MdcUnit) ReadUnit(Hl7Segment row, ImmutableArray<Hl7Error>.Builder errors)
    {
        var field = row.Field(6);
        var id = field.Component(1).Raw;
        if (id.IsWhiteSpace())
        {
            errors.Add(Hl7Error.AtComponent("OBX", row.Sequence, 6, Hl7ErrorCode.RequiredFieldMissing, "OBX-6 unit is missing"));
            return ("", null);
        }

        // OBX-6 is a CWE: an MDC unit code (partition 4) with system "MDC", or UCUM text with system "UCUM".
        var system = field.Component(3).Raw;
        var isMdc = system.SequenceEqual("MDC") || (system.IsEmpty && id[0] is >= '0' and <= '9');
        if (isMdc)
        {
            if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && MdcUnitTable.TryGetUcum(code, out var ucum))
            {
                return (ucum, code);
            }

            errors.Add(Hl7Error.AtComponent("OBX", row.Sequence, 6, Hl7ErrorCode.TableValueNotFound, $"Unsupported MDC unit {field.Component(1).Text} in OBX-6"));
            return ("", null);
        }

        return UcumLookup.TryGetValue(id, out var known) ? (known, null) : (field.Component(1).Text, null);
    }

    private DateTimeOffset? ReadTime(Hl7Segment row, Pcd01Mapper.MessageContext context, Dictionary<string, Hl7Segment>.AlternateLookup<ReadOnlySpan<char>> index, out bool hasOffset)
    {
        hasOffset = true;
        Hl7Segment? source = row.Field(14).IsEmpty ? null : row;
        for (var key = ContainmentPath.Parent(ContainmentPath.Normalize(row.Field(4).Raw)); source is null && !key.IsEmpty; key = ContainmentPath.Parent(key))
        {
            if (index.TryGetValue(key, out var ancestor) && !ancestor.Field(14).IsEmpty)
            {
                source = ancestor;
            }
        }

        // OBX-14 of the row or its nearest ancestor, else OBR-7 of the row's own group (PCD TF-2 §3.1.4.1.3).
        var (segment, fieldNo) = source is not null ? (source, 14) : (Obr, 7);
        var raw = segment is null ? default : segment.Field(fieldNo).Component(1).Raw;
        if (segment is null || raw.IsEmpty)
        {
            context.Errors.Add(Hl7Error.AtComponent("OBX", row.Sequence, 14, Hl7ErrorCode.RequiredFieldMissing,
                "No observation time: OBX-14 is empty on the row and its ancestors, and OBR-7 is empty"));
            return null;
        }

        if (!Hl7DateTime.TryParse(raw, context.Options.DefaultUtcOffset, out var time, out hasOffset))
        {
            context.Errors.Add(Hl7Error.AtComponent(segment.Id, segment.Sequence, fieldNo, Hl7ErrorCode.DataTypeError,
                $"{segment.Id}-{fieldNo} time {segment.Field(fieldNo).Component(1).Text} is not a valid DTM"));
            return null;
        }

        return time;
    }

    private string? ReadDevice(Hl7Segment row, Pcd01Mapper.MessageContext context, Dictionary<string, Hl7Segment>.AlternateLookup<ReadOnlySpan<char>> index)
    {
        // OBX-18 (EI: entity id ^ namespace, PCD TF-2 §B.8.18) of the row or its nearest ancestor (usually the MDS).
        var own = row.Field(18).Component(1).Raw.Trim();
        if (!own.IsEmpty)
        {
            return context.DeviceString(own);
        }

        for (var key = ContainmentPath.Parent(ContainmentPath.Normalize(row.Field(4).Raw)); !key.IsEmpty; key = ContainmentPath.Parent(key))
        {
            if (index.TryGetValue(key, out var ancestor))
            {
                var id = ancestor.Field(18).Component(1).Raw.Trim();
                if (!id.IsEmpty)
                {
                    return context.DeviceString(id);
                }
            }
        }

        // Fallbacks: OBR-3 filler order number EI.3 when EI.4 is EUI-64, then MSH-3 HD.2 when HD.3 is EUI-64.
        if (Obr?.Field(3) is { } filler && filler.Component(4).Raw.SequenceEqual("EUI-64") && !filler.Component(3).Raw.IsWhiteSpace())
        {
            return context.DeviceString(filler.Component(3).Raw.Trim());
        }

        var sender = context.Message.Header.Field(3);
        return sender.Component(3).Raw.SequenceEqual("EUI-64") && !sender.Component(2).Raw.IsWhiteSpace()
            ? context.DeviceString(sender.Component(2).Raw.Trim())
            : null;
    }
}
