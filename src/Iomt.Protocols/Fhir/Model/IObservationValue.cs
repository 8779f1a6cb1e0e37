using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>The value[x] choice shared by Observation and Observation.component (FHIR R4 §2.24.0.1 choice types).</summary>
public interface IObservationValue
{
    /// <summary>valueQuantity.</summary>
    Quantity? ValueQuantity { get; }

    /// <summary>valueCodeableConcept.</summary>
    CodeableConcept? ValueCodeableConcept { get; }

    /// <summary>valueString.</summary>
    string? ValueString { get; }

    /// <summary>valueBoolean.</summary>
    bool? ValueBoolean { get; }

    /// <summary>valueInteger.</summary>
    int? ValueInteger { get; }

    /// <summary>valueRange.</summary>
    FhirRange? ValueRange { get; }

    /// <summary>valueRatio.</summary>
    Ratio? ValueRatio { get; }

    /// <summary>valueSampledData.</summary>
    SampledData? ValueSampledData { get; }

    /// <summary>valueTime.</summary>
    string? ValueTime { get; }

    /// <summary>valueDateTime.</summary>
    string? ValueDateTime { get; }

    /// <summary>valuePeriod.</summary>
    Period? ValuePeriod { get; }
}
