namespace Iomt.Protocols.Fhir;

/// <summary>
/// One problem found in FHIR input, in OperationOutcome terms (FHIR R4 OperationOutcome.issue):
/// severity, issue type code, the FHIRPath <see cref="Expression"/> of the element and a diagnostic text.
/// </summary>
public sealed record FhirIssue(string Severity, string Code, string? Expression, string Diagnostics)
{
    /// <summary>An error of type <c>invalid</c>.</summary>
    public static FhirIssue Invalid(string? expression, string diagnostics) => new("error", "invalid", expression, diagnostics);

    /// <summary>An error of type <c>structure</c> (not parseable, wrong JSON type).</summary>
    public static FhirIssue Structure(string? expression, string diagnostics) => new("error", "structure", expression, diagnostics);

    /// <summary>An error of type <c>required</c> (a required element is missing).</summary>
    public static FhirIssue Required(string? expression, string diagnostics) => new("error", "required", expression, diagnostics);

    /// <summary>An error of type <c>value</c> (an element has a bad value, e.g. a malformed date).</summary>
    public static FhirIssue Value(string? expression, string diagnostics) => new("error", "value", expression, diagnostics);

    /// <summary>An error of type <c>code-invalid</c> (a code not in the required value set).</summary>
    public static FhirIssue CodeInvalid(string? expression, string diagnostics) => new("error", "code-invalid", expression, diagnostics);

    /// <summary>An error of type <c>not-supported</c> (valid FHIR the platform cannot store).</summary>
    public static FhirIssue NotSupported(string? expression, string diagnostics) => new("error", "not-supported", expression, diagnostics);

    /// <summary>Information (e.g. an element that was deliberately not mapped).</summary>
    public static FhirIssue Information(string? expression, string diagnostics) => new("information", "informational", expression, diagnostics);

    /// <summary>True for error and fatal issues.</summary>
    public bool IsError => Severity is "error" or "fatal";

    /// <inheritdoc />
    public override string ToString() => Expression is null ? Diagnostics : $"{Expression}: {Diagnostics}";
}
