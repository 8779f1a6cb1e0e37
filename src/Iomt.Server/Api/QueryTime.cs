using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Iomt.Server.Api;

/// <summary>The <c>from</c>/<c>to</c> query parameters of the read endpoints.</summary>
internal static class QueryTime
{
    /// <summary>
    /// Parses an optional ISO 8601 date-time (UTC when it has no offset); on failure <paramref name="problem"/> is the
    /// 400 naming <paramref name="field"/>.
    /// </summary>
    public static bool TryParse(string? text, string field, out DateTimeOffset? time, out IResult? problem)
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
}
