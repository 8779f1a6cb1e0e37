using System.Collections.Immutable;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// A measurement taken from an Observation, the FHIR path of its value (for error reports) and, for a panel,
/// the path of each component's quantity in the order of <see cref="Measurement.Components"/>.
/// </summary>
public sealed record MappedMeasurement(Measurement Measurement, string Path, ImmutableArray<string> ComponentPaths = default);
