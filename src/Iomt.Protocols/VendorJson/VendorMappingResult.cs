using System.Collections.Immutable;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.VendorJson;

/// <summary>The readings taken from one vendor message and the errors (field-named) of parts that could not be read.</summary>
public sealed record VendorMappingResult(ImmutableArray<Measurement> Measurements, ImmutableArray<ValidationError> Errors);
