using Microsoft.AspNetCore.Http;

namespace Iomt.Server.Api;

/// <summary>
/// The one error shape of the HTTP API: RFC 9457 problem details with an <c>errors</c> member mapping the
/// offending field (JSON path) to its reasons.
/// </summary>
public static class Problems
{
    /// <summary>A problem about one field.</summary>
    public static IResult Field(int status, string field, string reason, string? title = null) =>
        Fields(status, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] }, title);

    /// <summary>A problem about several fields, with optional extra members.</summary>
    public static IResult Fields(int status, IDictionary<string, string[]> errors, string? title = null, IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors };
        if (extensions is not null)
        {
            foreach (var (k, v) in extensions)
            {
                ext[k] = v;
            }
        }

        var first = errors.First();
        return Results.Problem(
            detail: $"{first.Key}: {first.Value.FirstOrDefault()}",
            statusCode: status,
            title: title ?? DefaultTitle(status),
            extensions: ext);
    }

    /// <summary>404 for a missing resource.</summary>
    public static IResult NotFound(string what, string id) => Field(StatusCodes.Status404NotFound, "id", $"{what} '{id}' not found");

    private static string DefaultTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "Conflict.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
        StatusCodes.Status422UnprocessableEntity => "The readings were rejected.",
        StatusCodes.Status503ServiceUnavailable => "The store is unavailable; nothing was acknowledged.",
        _ => "The request failed.",
    };
}
