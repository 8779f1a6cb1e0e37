using Iomt.Core.Measurements;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>A measurement taken from an Observation and the FHIR path it came from (for error reports).</summary>
public sealed record MappedMeasurement(Measurement Measurement, string Path);
