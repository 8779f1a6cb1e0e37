namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>Choices the FHIR → Measurement mapping cannot take from the resource itself.</summary>
public sealed record ObservationMappingOptions
{
    /// <summary>Device id used when the Observation names no device (e.g. an app posting its own readings).</summary>
    public string DefaultDeviceId { get; init; } = "fhir";

    /// <summary>Most samples accepted in one SampledData (bounds memory for hostile input).</summary>
    public int MaxSamples { get; init; } = 1_000_000;
}
