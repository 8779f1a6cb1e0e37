using System.Globalization;
using System.Text.RegularExpressions;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Parses FHIR R4 dateTime and instant values (§2.24.0.0 primitive types): YYYY, YYYY-MM, YYYY-MM-DD,
/// or a full date-time with seconds and a mandatory zone. Partial dates resolve to their first instant in UTC.
/// </summary>
public static partial class FhirDateTime
{
    /// <summary>Parses a FHIR dateTime; <paramref name="isPartial"/> is true for dates without a time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out bool isPartial)
    {
        value = default;
        isPartial = false;
        if (text is null || text.Length > 40 || !DateTimePattern().IsMatch(text))
        {
            return false;
        }

        var ci = CultureInfo.InvariantCulture;
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        isPartial = text.Length <= 10;
        switch (text.Length)
        {
            case 4:
                return DateTimeOffset.TryParseExact(text, "yyyy", ci, utc, out value);
            case 7:
                return DateTimeOffset.TryParseExact(text, "yyyy-MM", ci, utc, out value);
            case 10:
                return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", ci, utc, out value);
        }

        // .NET parses at most 7 fractional digits; FHIR allows more, so trim the excess precision.
        var trimmed = FractionPattern().Replace(text, m => m.Value[..Math.Min(m.Value.Length, 8)]);
        if (trimmed.Contains(":60", StringComparison.Ordinal))
        {
            return false; // a leap second cannot be represented; treat as bad input rather than guess
        }

        if (!DateTimeOffset.TryParse(trimmed, ci, DateTimeStyles.None, out value))
        {
            return false;
        }

        value = value.ToUniversalTime();
        return true;
    }

    /// <summary>Parses a FHIR instant (full precision with zone required).</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset value) =>
        TryParse(text, out value, out var partial) & !partial;

    // FHIR R4 dateTime regex (datatypes.html#dateTime), anchored.
    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\.[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex FractionPattern();
}
