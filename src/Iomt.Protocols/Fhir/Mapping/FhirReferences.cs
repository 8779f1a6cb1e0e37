using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Reads patient and device ids out of FHIR references (R4 §2.3.0 References): relative
/// ("Patient/123"), absolute (".../Patient/123/_history/2"), urn:uuid resolved in the Bundle, or a logical
/// identifier.
/// </summary>
public static class FhirReferences
{
    /// <summary>What a reference names.</summary>
    public readonly record struct Target(string? Type, string Id);

    /// <summary>Resolves <paramref name="reference"/>; null when it names nothing usable.</summary>
    public static Target? Resolve(ResourceReference? reference, IFhirReferenceResolver? resolver)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.Target is { Length: > 0 } literal)
        {
            if (resolver?.Resolve(literal) is { } resource)
            {
                return new(resource.ResourceType, BusinessId(resource) ?? resource.Id ?? literal);
            }

            if (literal.StartsWith("urn:", StringComparison.Ordinal) || literal.StartsWith('#'))
            {
                return new(reference.Type, literal);
            }

            var path = literal;
            var history = path.IndexOf("/_history/", StringComparison.Ordinal);
            if (history >= 0)
            {
                path = path[..history];
            }

            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2
                ? new(parts[^2], parts[^1])
                : new(reference.Type, literal);
        }

        return reference.Identifier?.Value is { Length: > 0 } value ? new(reference.Type, value) : null;
    }

    private static string? BusinessId(Resource resource) => resource switch
    {
        Patient p => p.Identifier?.FirstOrDefault(i => !string.IsNullOrEmpty(i?.Value))?.Value,
        Device d => d.Identifier?.FirstOrDefault(i => !string.IsNullOrEmpty(i?.Value))?.Value,
        _ => null,
    };
}
