using System.Collections.Immutable;
using System.Globalization;
using Iomt.Core.Measurements;
using Iomt.Core.Units;

namespace Iomt.Core.Catalogue;

/// <summary>
/// Checks a reading against the catalogue and returns it in canonical units, or the first error
/// naming the field. Pure: the caller supplies the receive time on the measurement.
/// </summary>
public sealed class MeasurementValidator(VitalSignCatalogue catalogue, TimeSpan maxFutureSkew)
{
    /// <summary>Longest device or message id accepted.</summary>
    public const int MaxIdLength = 128;

    /// <summary>A validator over the default catalogue allowing device clocks one day ahead.</summary>
    public static MeasurementValidator Default { get; } = new(VitalSignCatalogue.Default, TimeSpan.FromDays(1));

    /// <summary>Validates and normalises <paramref name="reading"/>.</summary>
    public ValidationError? Validate(Measurement reading, out Measurement normalized)
    {
        normalized = reading;
        if (CheckId(reading.DeviceId, "deviceId") is { } deviceError)
        {
            return deviceError;
        }

        if (CheckId(reading.MessageId, "id") is { } idError)
        {
            return idError;
        }

        if (reading.PatientId is { } patient && CheckId(patient, "patientId") is { } patientError)
        {
            return patientError;
        }

        if (reading.DeviceTime == default)
        {
            return new("time", "required");
        }

        if (reading.ReceivedTime != default && reading.DeviceTime > reading.ReceivedTime + maxFutureSkew)
        {
            return new("time", $"more than {maxFutureSkew.TotalHours:0} h in the future");
        }

        if (!catalogue.TryGet(reading.Code, out var type))
        {
            return new("code", $"unknown code '{reading.Code.Code}' in system '{reading.Code.System}'");
        }

        if (type.IsPanel)
        {
            var panelError = ValidatePanel(reading, type, out var components);
            normalized = reading with { Components = components, Value = null, Unit = "" };
            return panelError;
        }

        if (reading.IsPanel)
        {
            return new("components", $"{type.Name} is a single value, not a panel");
        }

        if (reading.Value is not { } value)
        {
            return new("value", "required");
        }

        var error = CheckScalar(type, value, reading.Unit, "value", "unit", out var canonical);
        normalized = reading with { Value = canonical, Unit = type.CanonicalUnit };
        return error;
    }

    /// <summary>Checks an identifier (device, message, patient): present, at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    public static ValidationError? CheckId(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new(field, "required");
        }

        if (id.Length > MaxIdLength)
        {
            return new(field, $"longer than {MaxIdLength} characters");
        }

        if (id.Any(char.IsControl))
        {
            return new(field, "contains control characters");
        }

        // A lone UTF-16 surrogate cannot be stored as UTF-8 (it would become U+FFFD and no longer match a resend).
        return HasLoneSurrogate(id) ? new(field, "contains an unpaired UTF-16 surrogate") : null;
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static ValidationError? CheckScalar(VitalSignType type, double value, string unit, string valueField, string unitField, out double canonical)
    {
        canonical = value;
        if (!double.IsFinite(value))
        {
            return new(valueField, "not a finite number");
        }

        if (string.IsNullOrWhiteSpace(unit))
        {
            return new(unitField, $"required (canonical unit of {type.Name} is '{type.CanonicalUnit}')");
        }

        var ucum = UnitConverter.Normalize(unit);
        if (!type.Accepts(ucum) || !UnitConverter.TryConvert(value, ucum, type.CanonicalUnit, out canonical))
        {
            return new(unitField, $"unit '{unit}' not accepted for {type.Name} (use '{type.CanonicalUnit}')");
        }

        if (canonical < type.Min || canonical > type.Max)
        {
            return new(valueField, string.Create(
                CultureInfo.InvariantCulture,
                $"implausible: {canonical:0.###} {type.CanonicalUnit} is outside {type.Min:0.###}–{type.Max:0.###} for {type.Name}"));
        }

        return null;
    }

    private ValidationError? ValidatePanel(Measurement reading, VitalSignType panel, out ImmutableArray<MeasurementComponent> components)
    {
        components = [];
        if (!reading.IsPanel)
        {
            return new("components", $"required for {panel.Name}");
        }

        var builder = ImmutableArray.CreateBuilder<MeasurementComponent>(reading.Components.Length);
        for (var i = 0; i < reading.Components.Length; i++)
        {
            var c = reading.Components[i];
            var field = $"components[{i}]";
            if (!panel.ComponentCodes.Contains(c.Code) || !catalogue.TryGet(c.Code, out var type))
            {
                return new($"{field}.code", $"code '{c.Code.Code}' is not a component of {panel.Name}");
            }

            if (builder.Any(b => b.Code == c.Code))
            {
                return new($"{field}.code", $"code '{c.Code.Code}' appears twice");
            }

            if (CheckScalar(type, c.Value, c.Unit, $"{field}.value", $"{field}.unit", out var canonical) is { } error)
            {
                return error;
            }

            builder.Add(c with { Value = canonical, Unit = type.CanonicalUnit });
        }

        foreach (var required in panel.RequiredComponents)
        {
            if (!builder.Any(b => b.Code == required))
            {
                return new("components", $"missing required component '{required.Code}'");
            }
        }

        components = builder.ToImmutable();
        return CheckBloodPressureConsistency(components);
    }

    // clinical-reference §11.1: diastolic below systolic, pulse pressure at least 5 mmHg.
    private static ValidationError? CheckBloodPressureConsistency(ImmutableArray<MeasurementComponent> components)
    {
        var sys = components.FirstOrDefault(c => c.Code == ObservationCode.Loinc("8480-6"));
        var dia = components.FirstOrDefault(c => c.Code == ObservationCode.Loinc("8462-4"));
        if (sys is null || dia is null)
        {
            return null;
        }

        return sys.Value - dia.Value < 5
            ? new("components", "implausible: systolic must exceed diastolic by at least 5 mm[Hg]")
            : null;
    }
}
