using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>Resolves references between the entries of one Bundle, by fullUrl or by Type/id (FHIR R4 Bundle §2.36.4.1).</summary>
public sealed class BundleReferenceResolver : IFhirReferenceResolver
{
    private readonly Dictionary<string, Resource> _byReference = new(StringComparer.Ordinal);

    /// <summary>Indexes the entries of <paramref name="bundle"/>.</summary>
    public BundleReferenceResolver(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        foreach (var entry in bundle.Entry ?? [])
        {
            if (entry?.Resource is not { } resource)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(entry.FullUrl))
            {
                _byReference.TryAdd(entry.FullUrl, resource);
            }

            if (!string.IsNullOrEmpty(resource.Id))
            {
                _byReference.TryAdd($"{resource.ResourceType}/{resource.Id}", resource);
            }
        }
    }

    /// <inheritdoc />
    public Resource? Resolve(string reference) => _byReference.GetValueOrDefault(reference);
}
