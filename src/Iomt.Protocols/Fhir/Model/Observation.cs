using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Observation (§4.1.0 of the Observation resource page): the resource devices and apps send readings in.</summary>
public sealed record Observation : Resource, IObservationValue
{
    /// <inheritdoc />
    public override string ResourceType => "Observation";

    /// <summary>Business identifiers.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>Fulfils plan/order.</summary>
    public IReadOnlyList<ResourceReference>? BasedOn { get; init; }

    /// <summary>Part of a procedure or event.</summary>
    public IReadOnlyList<ResourceReference>? PartOf { get; init; }

    /// <summary>registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown.</summary>
    public string? Status { get; init; }

    /// <summary>Classification (e.g. vital-signs).</summary>
    public IReadOnlyList<CodeableConcept>? Category { get; init; }

    /// <summary>What was observed (1..1).</summary>
    public CodeableConcept? Code { get; init; }

    /// <summary>Who or what the observation is about.</summary>
    public ResourceReference? Subject { get; init; }

    /// <summary>What it is actually about when not the subject.</summary>
    public IReadOnlyList<ResourceReference>? Focus { get; init; }

    /// <summary>Healthcare event.</summary>
    public ResourceReference? Encounter { get; init; }

    /// <summary>effectiveDateTime.</summary>
    public string? EffectiveDateTime { get; init; }

    /// <summary>effectivePeriod.</summary>
    public Period? EffectivePeriod { get; init; }

    /// <summary>effectiveInstant.</summary>
    public string? EffectiveInstant { get; init; }

    /// <summary>effectiveTiming, kept verbatim.</summary>
    public JsonElement? EffectiveTiming { get; init; }

    /// <summary>When the result was made available.</summary>
    public string? Issued { get; init; }

    /// <summary>Who is responsible.</summary>
    public IReadOnlyList<ResourceReference>? Performer { get; init; }

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

    /// <summary>Comments.</summary>
    public IReadOnlyList<Annotation>? Note { get; init; }

    /// <summary>Body site.</summary>
    public CodeableConcept? BodySite { get; init; }

    /// <summary>How it was done.</summary>
    public CodeableConcept? Method { get; init; }

    /// <summary>Specimen used.</summary>
    public ResourceReference? Specimen { get; init; }

    /// <summary>The measuring device.</summary>
    public ResourceReference? Device { get; init; }

    /// <summary>Reference ranges.</summary>
    public IReadOnlyList<ObservationReferenceRange>? ReferenceRange { get; init; }

    /// <summary>Members of a panel (e.g. the vitals panel 85353-1).</summary>
    public IReadOnlyList<ResourceReference>? HasMember { get; init; }

    /// <summary>Observations this one is derived from.</summary>
    public IReadOnlyList<ResourceReference>? DerivedFrom { get; init; }

    /// <summary>Component results (blood-pressure parts, ECG leads).</summary>
    public IReadOnlyList<ObservationComponent>? Component { get; init; }
}
