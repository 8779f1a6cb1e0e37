using Iomt.Protocols.Fhir.Model;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>Resolves a literal reference (e.g. a urn:uuid fullUrl inside a transaction Bundle) to a resource.</summary>
public interface IFhirReferenceResolver
{
    /// <summary>The resource the reference points to, or null.</summary>
    Resource? Resolve(string reference);
}
