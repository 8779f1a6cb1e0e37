using Iomt.Protocols.Fhir;
using Iomt.Protocols.Fhir.Json;
using Iomt.Protocols.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Iomt.Server.Transports.Fhir;

/// <summary>Builds FHIR HTTP answers: OperationOutcome bodies and the status lines of Bundle responses (FHIR R4 http.html).</summary>
public static class FhirResponses
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string ContentType = "application/fhir+json; charset=utf-8";

    /// <summary>An OperationOutcome holding <paramref name="issues"/>.</summary>
    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues)
    {
        var list = issues.Select(i => new OperationOutcomeIssue
        {
            Severity = i.Severity,
            Code = i.Code,
            Diagnostics = i.Diagnostics,
            Expression = i.Expression is null ? null : [i.Expression],
        }).ToList();
        if (list.Count == 0)
        {
            list.Add(new OperationOutcomeIssue { Severity = "information", Code = "informational", Diagnostics = "ok" });
        }

        return new OperationOutcome { Issue = list };
    }

    /// <summary>An HTTP result with a FHIR resource body.</summary>
    public static IResult Resource(Resource resource, int statusCode, string? location = null) => new FhirResult(resource, statusCode, location);

    /// <summary>An HTTP result with an OperationOutcome body.</summary>
    public static IResult Issues(IEnumerable<FhirIssue> issues, int statusCode) => Resource(Outcome(issues), statusCode);

    /// <summary>The HTTP status for errors: 400 when the body is not usable FHIR, 422 when it breaks a rule.</summary>
    public static int StatusFor(IEnumerable<FhirIssue> issues) =>
        issues.Any(i => i.IsError && i.Code is "structure") ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;

    /// <summary>Status line as FHIR writes it in Bundle.entry.response.status.</summary>
    public static string StatusLine(int statusCode) => statusCode switch
    {
        200 => "200 OK",
        201 => "201 Created",
        400 => "400 Bad Request",
        422 => "422 Unprocessable Entity",
        _ => statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed class FhirResult(Resource resource, int statusCode, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = ContentType;
            if (location is not null)
            {
                response.Headers.Location = location;
            }

            await response.Body.WriteAsync(FhirJson.Serialize(resource), httpContext.RequestAborted);
        }
    }
}
