using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>Base of every FHIR complex type: keeps the elements this model does not name so re-serialising loses nothing.</summary>
public abstract record FhirElement
{
    /// <summary>Elements not modelled here (extensions, primitive <c>_x</c> siblings, rarely used fields), kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unmodelled { get; set; }
}
