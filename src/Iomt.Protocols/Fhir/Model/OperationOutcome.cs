using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 OperationOutcome: errors and warnings about an action.</summary>
public sealed record OperationOutcome : Resource
{
    /// <inheritdoc />
    public override string ResourceType => "OperationOutcome";

    /// <summary>The issues (1..*).</summary>
    public IReadOnlyList<OperationOutcomeIssue>? Issue { get; init; }
}
