using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Device: the elements the platform reads; the rest is kept verbatim.</summary>
public sealed record Device : Resource
{
    /// <inheritdoc />
    public override string ResourceType => "Device";

    /// <summary>Business identifiers (EUI-64, serial).</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>active | inactive | entered-in-error | unknown.</summary>
    public string? Status { get; init; }

    /// <summary>Manufacturer name.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Serial number.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>Model number.</summary>
    public string? ModelNumber { get; init; }

    /// <summary>Kind of device.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>Patient the device is affixed to.</summary>
    public ResourceReference? Patient { get; init; }
}
