using System.Globalization;
using Iomt.Core.Measurements;
using Microsoft.AspNetCore.Http;

namespace Iomt.Server.Api;

/// <summary>The query parameters the read endpoints share: <c>from</c>/<c>to</c>, <c>code</c> and bounded counts such as <c>limit</c>.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// Parses an optional ISO 8601 date-time (UTC when it has no offset); on failure <paramref name="problem"/> is the
    /// 400 naming <paramref name="field"/>.
    /// </summary>
    public static bool TryParseTime(string? text, string field, out DateTimeOffset? time, out IResult? problem)
    {
        time = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        problem = Problems.Field(StatusCodes.Status400BadRequest, field, $"'{text}' is not an ISO 8601 date-time");
        return false;
    }

    /// <summary>Parses the optional <c>from</c> and <c>to</c>; on failure <paramref name="problem"/> is the 400 naming the first bad one.</summary>
    public static bool TryParseRange(string? from, string? to, out DateTimeOffset? fromTime, out DateTimeOffset? toTime, out IResult? problem)
    {
        toTime = null;
        return TryParseTime(from, "from", out fromTime, out problem) && TryParseTime(to, "to", out toTime, out problem);
    }

    /// <summary>The 400 naming <paramref name="field"/> when <paramref name="value"/> is given and outside [min, max]; otherwise null.</summary>
    public static IResult? OutOfRange(int? value, string field, int min, int max) =>
        value < min || value > max
            ? Problems.Field(StatusCodes.Status400BadRequest, field, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"))
            : null;

    /// <summary>
    /// An optional <c>code</c>: <c>system|code</c>, or a bare code of <paramref name="defaultSystem"/> (LOINC for readings,
    /// MDC for waveforms).
    /// </summary>
    public static ObservationCode? Code(string? text, string defaultSystem)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var bar = text.LastIndexOf('|');
        return bar > 0 ? new ObservationCode(text[..bar], text[(bar + 1)..]) : new ObservationCode(defaultSystem, text);
    }
}
