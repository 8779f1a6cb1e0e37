using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Observation.component: one part of a panel, with its own code and value[x].</summary>
public sealed record ObservationComponent : FhirElement, IObservationValue
{
    /// <summary>What this component is.</summary>
    public CodeableConcept? Code { get; init; }

    /// <inheritdoc />
    public Quantity? ValueQuantity { get; init; }

    /// <inheritdoc />
    public CodeableConcept? ValueCodeableConcept { get; init; }

    /// <inheritdoc />
    public string? ValueString { get; init; }

    /// <inheritdoc />
    public bool? ValueBoolean { get; init; }

    /// <inheritdoc />
    public int? ValueInteger { get; init; }

    /// <inheritdoc />
    public FhirRange? ValueRange { get; init; }

    /// <inheritdoc />
    public Ratio? ValueRatio { get; init; }

    /// <inheritdoc />
    public SampledData? ValueSampledData { get; init; }

    /// <inheritdoc />
    public string? ValueTime { get; init; }

    /// <inheritdoc />
    public string? ValueDateTime { get; init; }

    /// <inheritdoc />
    public Period? ValuePeriod { get; init; }

    /// <summary>Why the value is missing.</summary>
    public CodeableConcept? DataAbsentReason { get; init; }

    /// <summary>High, low, normal...</summary>
    public IReadOnlyList<CodeableConcept>? Interpretation { get; init; }

    /// <summary>Reference ranges.</summary>
    public IReadOnlyList<ObservationReferenceRange>? ReferenceRange { get; init; }
}
