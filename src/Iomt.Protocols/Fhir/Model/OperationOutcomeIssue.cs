using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 OperationOutcome.issue.</summary>
public sealed record OperationOutcomeIssue : FhirElement
{
    /// <summary>fatal | error | warning | information.</summary>
    public string? Severity { get; init; }

    /// <summary>Issue type (invalid, required, value, code-invalid, not-supported, ...).</summary>
    public string? Code { get; init; }

    /// <summary>Coded details.</summary>
    public CodeableConcept? Details { get; init; }

    /// <summary>Additional diagnostic text.</summary>
    public string? Diagnostics { get; init; }

    /// <summary>Deprecated XPath location.</summary>
    public IReadOnlyList<string>? Location { get; init; }

    /// <summary>FHIRPath of the element(s) concerned.</summary>
    public IReadOnlyList<string>? Expression { get; init; }
}
