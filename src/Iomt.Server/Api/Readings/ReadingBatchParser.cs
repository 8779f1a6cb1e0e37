using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Server.Ingestion;

namespace Iomt.Server.Api.Readings;

/// <summary>
/// Parses the body of <c>POST /api/v1/readings</c> (a JSON array of readings, or one reading) straight from
/// UTF-8 with <see cref="Utf8JsonReader"/>. A reading with a wrong type or a missing field becomes a failed
/// item naming the field (e.g. <c>$[3].value</c>) so the rest of the batch still goes through; only broken
/// JSON syntax fails the whole body.
/// </summary>
public static class ReadingBatchParser
{
    private const int SingleItem = -1;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses <paramref name="body"/>; returns null and sets <paramref name="syntaxError"/> when it is not valid JSON or not readings.</summary>
    public static IReadOnlyList<IncomingReading>? Parse(ReadOnlySpan<byte> body, out ValidationError? syntaxError)
    {
        syntaxError = null;
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // Utf8JsonReader validates string contents only when they are read, so check the whole body first.
            syntaxError = new ValidationError("$", "the body is not valid UTF-8");
            return null;
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                syntaxError = new ValidationError("$", "empty body: expected a JSON array of readings");
                return null;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var one = ParseItem(ref reader, body, SingleItem, new RepeatedStrings());
                return reader.Read() ? Fail(out syntaxError, "$", "unexpected content after the reading") : [one];
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                syntaxError = new ValidationError("$", "expected a JSON array of readings");
                return null;
            }

            var items = new List<IncomingReading>();
            var repeated = new RepeatedStrings();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    items.Add(IncomingReading.Failed(new ValidationError(PathOf(items.Count), "expected a reading object"), Raw(body, start, reader)));
                    continue;
                }

                items.Add(ParseItem(ref reader, body, items.Count, repeated));
            }

            return reader.Read() ? Fail(out syntaxError, "$", "unexpected content after the array") : items;
        }
        catch (JsonException e)
        {
            syntaxError = new ValidationError("$", $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // Thrown by GetString for an escaped lone UTF-16 surrogate ("\ud800"), which the reader does not check earlier.
            syntaxError = new ValidationError("$", "a string holds an invalid escape (e.g. a lone UTF-16 surrogate)");
            return null;
        }
    }

    private static List<IncomingReading>? Fail(out ValidationError? error, string field, string reason)
    {
        error = new ValidationError(field, reason);
        return null;
    }

    // The JSON path of an item ("$[3]", or "$" for a lone object), built only when an error names it.
    private static string PathOf(int item) => item == SingleItem ? "$" : $"$[{item}]";

    private static IncomingReading ParseItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int item, RepeatedStrings repeated)
    {
        var start = (int)reader.TokenStartIndex;
        var fields = new ReadingFields();
        ValidationError? error = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = ReadingMember(ref reader);
            reader.Read();
            error ??= ReadField(ref reader, name, item, ref fields, repeated);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        error ??= fields.Check(item);
        if (error is not null)
        {
            return IncomingReading.Failed(error, Raw(body, start, reader), fields.DeviceId, fields.Id);
        }

        var measurement = new Measurement
        {
            DeviceId = fields.DeviceId!,
            MessageId = fields.Id!,
            PatientId = fields.PatientId,
            Code = new ObservationCode(fields.System ?? CodeSystems.Loinc, fields.Code!),
            Value = fields.Value,
            Unit = fields.Unit ?? "",
            Components = fields.Components ?? [],
            DeviceTime = fields.Time!.Value.ToUniversalTime(),
        };
        // The raw text of an accepted item is not kept: if validation rejects it later, ingestion
        // dead-letters the parsed reading re-serialised, which avoids a string per reading on the hot path.
        return IncomingReading.Decoded(measurement);
    }

    private static ValidationError? ReadField(ref Utf8JsonReader reader, string name, int item, ref ReadingFields f, RepeatedStrings repeated)
    {
        switch (name)
        {
            case "id": return ReadString(ref reader, item, name, out f.Id);
            case "deviceId": return ReadString(ref reader, item, name, out f.DeviceId, ref repeated.DeviceId);
            case "patientId": return reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, item, name, out f.PatientId, ref repeated.PatientId);
            case "code": return ReadString(ref reader, item, name, out f.Code, ref repeated.Code);
            case "system": return ReadString(ref reader, item, name, out f.System, ref repeated.System);
            case "unit": return ReadString(ref reader, item, name, out f.Unit, ref repeated.Unit);
            case "value":
                if (reader.TokenType == JsonTokenType.Null)
                {
                    return null;
                }

                if (reader.TokenType != JsonTokenType.Number)
                {
                    return new ValidationError($"{PathOf(item)}.value", $"expected a number, got {Describe(reader.TokenType)}");
                }

                f.Value = reader.GetDouble();
                return null;
            case "time": return ReadTime(ref reader, item, out f.Time);
            case "components": return ReadComponents(ref reader, PathOf(item), out f.Components);
            default: return null; // unknown members are ignored for forward compatibility
        }
    }

    private static ValidationError? ReadString(ref Utf8JsonReader reader, int item, string name, out string? value) =>
        ReadString(ref reader, PathOf, item, name, out value);

    private static ValidationError? ReadString(ref Utf8JsonReader reader, string path, string name, out string? value) =>
        ReadString(ref reader, _ => path, 0, name, out value);

    private static ValidationError? ReadString(ref Utf8JsonReader reader, Func<int, string> path, int item, string name, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return new ValidationError($"{path(item)}.{name}", $"expected a string, got {Describe(reader.TokenType)}");
        }

        value = reader.GetString();
        return null;
    }

    // Device, patient, code and unit usually repeat through a batch: reuse the previous item's string when equal.
    private static ValidationError? ReadString(ref Utf8JsonReader reader, int item, string name, out string? value, ref string? previous)
    {
        if (reader.TokenType == JsonTokenType.String && previous is not null && reader.ValueTextEquals(previous))
        {
            value = previous;
            return null;
        }

        var error = ReadString(ref reader, item, name, out value);
        previous = value ?? previous;
        return error;
    }

    private static ValidationError? ReadTime(ref Utf8JsonReader reader, int item, out DateTimeOffset? time)
    {
        time = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return new ValidationError($"{PathOf(item)}.time", $"expected an ISO 8601 date-time string, got {Describe(reader.TokenType)}");
        }

        var text = reader.ValueSpan;
        var hasZone = text.Length > 0 && (text[^1] is (byte)'Z' or (byte)'z' || (text.Length > 6 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'));
        if (!reader.TryGetDateTimeOffset(out var parsed) || !hasZone)
        {
            return new ValidationError($"{PathOf(item)}.time", "expected an ISO 8601 date-time with Z or a UTC offset, e.g. 2026-11-22T10:00:00Z");
        }

        time = parsed;
        return null;
    }

    private static ValidationError? ReadComponents(ref Utf8JsonReader reader, string path, out ImmutableArray<MeasurementComponent>? components)
    {
        components = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return new ValidationError($"{path}.components", $"expected an array, got {Describe(reader.TokenType)}");
        }

        var builder = ImmutableArray.CreateBuilder<MeasurementComponent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var cpath = $"{path}.components[{builder.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return new ValidationError(cpath, "expected a component object");
            }

            string? code = null, system = null, unit = null;
            double? value = null;
            ValidationError? error = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = ComponentMember(ref reader);
                reader.Read();
                switch (name)
                {
                    case "code": error ??= ReadString(ref reader, cpath, name, out code); break;
                    case "system": error ??= ReadString(ref reader, cpath, name, out system); break;
                    case "unit": error ??= ReadString(ref reader, cpath, name, out unit); break;
                    case "value":
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            value = reader.GetDouble();
                        }
                        else
                        {
                            error ??= new ValidationError($"{cpath}.value", $"expected a number, got {Describe(reader.TokenType)}");
                        }

                        break;
                    default:
                        break;
                }

                // A member of the wrong kind (object or array) must be stepped over, or the reader drifts.
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            error ??= code is null ? new ValidationError($"{cpath}.code", "required")
                : value is null ? new ValidationError($"{cpath}.value", "required")
                : unit is null ? new ValidationError($"{cpath}.unit", "required") : null;
            if (error is not null)
            {
                SkipToArrayEnd(ref reader);
                return error;
            }

            builder.Add(new MeasurementComponent(new ObservationCode(system ?? CodeSystems.Loinc, code!), value!.Value, unit!));
        }

        components = builder.ToImmutable();
        return null;
    }

    private static void SkipToArrayEnd(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth - 1))
        {
        }
    }

    // The known member name the reader is on, compared as UTF-8 without allocating; "" for members we ignore.
    private static string ReadingMember(ref Utf8JsonReader r) =>
        r.ValueTextEquals("id"u8) ? "id"
        : r.ValueTextEquals("deviceId"u8) ? "deviceId"
        : r.ValueTextEquals("patientId"u8) ? "patientId"
        : r.ValueTextEquals("time"u8) ? "time"
        : ComponentMember(ref r) is { Length: > 0 } name ? name
        : r.ValueTextEquals("components"u8) ? "components"
        : "";

    private static string ComponentMember(ref Utf8JsonReader r) =>
        r.ValueTextEquals("code"u8) ? "code"
        : r.ValueTextEquals("value"u8) ? "value"
        : r.ValueTextEquals("unit"u8) ? "unit"
        : r.ValueTextEquals("system"u8) ? "system"
        : "";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Raw(ReadOnlySpan<byte> body, int start, Utf8JsonReader reader)
    {
        var end = (int)reader.BytesConsumed;
        var length = Math.Min(end - start, 8192);
        return length > 0 ? Encoding.UTF8.GetString(body.Slice(start, length)) : "";
    }

    private sealed class RepeatedStrings
    {
        public string? DeviceId;
        public string? PatientId;
        public string? Code;
        public string? System;
        public string? Unit;
    }

    private struct ReadingFields
    {
        public string? Id;
        public string? DeviceId;
        public string? PatientId;
        public string? Code;
        public string? System;
        public string? Unit;
        public double? Value;
        public DateTimeOffset? Time;
        public ImmutableArray<MeasurementComponent>? Components;

        public readonly ValidationError? Check(int item) =>
            Id is null ? new ValidationError($"{PathOf(item)}.id", "required")
            : DeviceId is null ? new ValidationError($"{PathOf(item)}.deviceId", "required")
            : Code is null ? new ValidationError($"{PathOf(item)}.code", "required")
            : Time is null ? new ValidationError($"{PathOf(item)}.time", "required")
            : Value is null && Components is null ? new ValidationError($"{PathOf(item)}.value", "required (or components for a panel)")
            : null;
    }
}
