using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>FHIR R4 Annotation: a note.</summary>
public sealed record Annotation : FhirElement
{
    /// <summary>Author as a reference.</summary>
    public ResourceReference? AuthorReference { get; init; }

    /// <summary>Author as text.</summary>
    public string? AuthorString { get; init; }

    /// <summary>When the note was made.</summary>
    public string? Time { get; init; }

    /// <summary>The note (markdown).</summary>
    public string? Text { get; init; }
}
