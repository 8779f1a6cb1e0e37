using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.VendorJson;

/// <summary>
/// A <see cref="VendorMapping"/> checked against the catalogue with its expressions parsed, ready to map messages.
/// Compile errors and mapping errors name the field (<c>templates[0].value</c>) and never throw.
/// </summary>
public sealed class CompiledVendorMapping
{
    private readonly ImmutableArray<Template> _templates;

    private CompiledVendorMapping(string name, ImmutableArray<Template> templates)
    {
        Name = name;
        _templates = templates;
    }

    /// <summary>The mapping name.</summary>
    public string Name { get; }

    /// <summary>Parses a mapping file and compiles it.</summary>
    public static CompiledVendorMapping? TryLoad(ReadOnlySpan<byte> json, VitalSignCatalogue catalogue, out ValidationError? error)
    {
        VendorMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize(json, VendorJsonContext.Default.VendorMapping);
        }
        catch (JsonException ex)
        {
            error = new ValidationError(ex.Path ?? "$", ex.Message.Split(" Path:")[0]);
            return null;
        }

        if (mapping is null)
        {
            error = new ValidationError("$", "empty mapping");
            return null;
        }

        return TryCompile(mapping, catalogue, out error);
    }

    /// <summary>Compiles <paramref name="mapping"/>; null with the first error when a type or expression is wrong.</summary>
    public static CompiledVendorMapping? TryCompile(VendorMapping mapping, VitalSignCatalogue catalogue, out ValidationError? error)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(catalogue);
        error = null;
        ValidationError? firstError = null;
        var templates = ImmutableArray.CreateBuilder<Template>();
        for (var i = 0; i < mapping.Templates.Count; i++)
        {
            var t = mapping.Templates[i];
            var at = $"templates[{i}]";
            if (!catalogue.TryGetByName(t.Type, out var type))
            {
                error = new ValidationError($"{at}.type", $"unknown catalogue type '{t.Type}'");
                return null;
            }

            var timeFormat = t.TimeFormat ?? "iso8601";
            if (timeFormat is not ("iso8601" or "unix-s" or "unix-ms"))
            {
                error = new ValidationError($"{at}.timeFormat", "must be iso8601, unix-s or unix-ms");
                return null;
            }

            JsonPathExpression? Parse(string? text, string field, bool required)
            {
                if (text is null)
                {
                    if (required && firstError is null)
                    {
                        firstError = new ValidationError($"{at}.{field}", "required");
                    }

                    return null;
                }

                var parsed = JsonPathExpression.TryParse(text, out var why);
                if (parsed is null && firstError is null)
                {
                    firstError = new ValidationError($"{at}.{field}", $"'{text}': {why}");
                }

                return parsed;
            }

            var components = ImmutableArray.CreateBuilder<(ObservationCode, JsonPathExpression?, string)>();
            foreach (var (c, k) in (t.Components ?? []).Select((c, k) => (c, k)))
            {
                if (!catalogue.TryGetByName(c.Type, out var ct))
                {
                    firstError ??= new ValidationError($"{at}.components[{k}].type", $"unknown catalogue type '{c.Type}'");
                    continue;
                }

                components.Add((ct.Code, Parse(c.Value, $"components[{k}].value", true), c.Unit ?? ct.CanonicalUnit));
            }

            if (type.IsPanel && components.Count == 0)
            {
                firstError ??= new ValidationError($"{at}.components", $"{type.Name} is a panel: list its components");
            }

            var template = new Template(type, t.MatchValue, timeFormat, t.Unit ?? type.CanonicalUnit,
                Parse(t.Match, "match", true), Parse(t.ForEach, "forEach", false), Parse(t.DeviceId, "deviceId", true),
                Parse(t.Time, "time", true), Parse(t.MessageId, "messageId", false), Parse(t.PatientId, "patientId", false),
                Parse(t.Value, "value", !type.IsPanel), components.ToImmutable());
            if (firstError is not null)
            {
                error = firstError;
                return null;
            }

            templates.Add(template);
        }

        return new CompiledVendorMapping(mapping.Name, templates.ToImmutable());
    }

    /// <summary>Maps one vendor message; never throws on bad content.</summary>
    public VendorMappingResult Map(JsonElement message)
    {
        try
        {
            return MapUnchecked(message);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json validates string escapes only when a string is read: a lone surrogate such
            // as "\ud800" throws here. That is bad input, answered as an error, not a crash.
            return new VendorMappingResult([], [new ValidationError("$", "a string holds an invalid escape (e.g. a lone UTF-16 surrogate)")]);
        }
    }

    private VendorMappingResult MapUnchecked(JsonElement message)
    {
        var measurements = ImmutableArray.CreateBuilder<Measurement>();
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var matched = false;
        for (var i = 0; i < _templates.Length; i++)
        {
            var t = _templates[i];
            var matchValue = t.Match!.First(message, message);
            if (matchValue is null || (t.MatchValue is not null && JsonPathExpression.ScalarText(matchValue.Value) != t.MatchValue))
            {
                continue;
            }

            matched = true;
            var items = t.ForEach is null ? [message] : t.ForEach.Select(message, message);
            for (var n = 0; n < items.Count; n++)
            {
                var at = t.ForEach is null ? $"templates[{i}]" : $"templates[{i}][{n}]";
                if (MapItem(t, message, items[n], at, out var error) is { } m)
                {
                    measurements.Add(m);
                }
                else
                {
                    errors.Add(error!);
                }
            }
        }

        if (!matched)
        {
            errors.Add(new ValidationError("$", $"no template of mapping '{Name}' matches the message"));
        }

        return new VendorMappingResult(measurements.ToImmutable(), errors.ToImmutable());
    }

    private static Measurement? MapItem(Template t, JsonElement root, JsonElement item, string at, out ValidationError? error)
    {
        error = null;
        string? Text(JsonPathExpression? e, string field, ref ValidationError? err)
        {
            if (e is null || err is not null)
            {
                return null;
            }

            var v = e.First(root, item) is { } found ? JsonPathExpression.ScalarText(found) : null;
            if (v is null)
            {
                err = new ValidationError($"{at}.{field}", $"'{e.Text}' selected no scalar value");
            }

            return v;
        }

        var deviceId = Text(t.DeviceId, "deviceId", ref error);
        var timeText = Text(t.Time, "time", ref error);
        var patientId = t.PatientId is null ? null : Text(t.PatientId, "patientId", ref error);
        if (error is not null)
        {
            return null;
        }

        if (!TryTime(timeText!, t.TimeFormat, out var time))
        {
            error = new ValidationError($"{at}.time", $"'{timeText}' is not a {t.TimeFormat} time");
            return null;
        }

        var messageId = t.MessageId is null
            ? "vj:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{deviceId}|{t.Type.Name}|{time:O}")).AsSpan(0, 12))
            : Text(t.MessageId, "messageId", ref error);
        if (error is not null)
        {
            return null;
        }

        var m = new Measurement { DeviceId = deviceId!, MessageId = messageId!, PatientId = patientId, Code = t.Type.Code, DeviceTime = time };
        if (!t.Type.IsPanel)
        {
            return Number(t.Value!, root, item, $"{at}.value", out var value, out error) ? m with { Value = value, Unit = t.Unit } : null;
        }

        var parts = ImmutableArray.CreateBuilder<MeasurementComponent>();
        for (var k = 0; k < t.Components.Length; k++)
        {
            var (code, expression, unit) = t.Components[k];
            if (!Number(expression!, root, item, $"{at}.components[{k}].value", out var value, out error))
            {
                return null;
            }

            parts.Add(new MeasurementComponent(code, value, unit));
        }

        return m with { Components = parts.ToImmutable() };
    }

    private static bool Number(JsonPathExpression e, JsonElement root, JsonElement item, string field, out double value, out ValidationError? error)
    {
        value = 0;
        error = null;
        var found = e.First(root, item);
        var ok = found switch
        {
            { ValueKind: JsonValueKind.Number } n => n.TryGetDouble(out value),
            { ValueKind: JsonValueKind.String } s => double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
        if (!ok || !double.IsFinite(value))
        {
            error = new ValidationError(field, found is null ? $"'{e.Text}' selected nothing" : $"'{e.Text}' is not a number");
            return false;
        }

        return true;
    }

    private static bool TryTime(string text, string format, out DateTimeOffset time)
    {
        time = default;
        switch (format)
        {
            case "unix-s" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is > 0 and < 1e11:
                time = DateTimeOffset.UnixEpoch.AddSeconds(s);
                return true;
            case "unix-ms" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 1e14:
                time = DateTimeOffset.UnixEpoch.AddMilliseconds(ms);
                return true;
            case "iso8601" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t):
                time = t.ToUniversalTime();
                return true;
            default:
                return false;
        }
    }

    private sealed record Template(
        VitalSignType Type, string? MatchValue, string TimeFormat, string Unit,
        JsonPathExpression? Match, JsonPathExpression? ForEach, JsonPathExpression? DeviceId, JsonPathExpression? Time,
        JsonPathExpression? MessageId, JsonPathExpression? PatientId, JsonPathExpression? Value,
        ImmutableArray<(ObservationCode Code, JsonPathExpression? Value, string Unit)> Components);
}
