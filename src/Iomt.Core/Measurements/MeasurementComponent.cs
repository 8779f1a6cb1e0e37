namespace Iomt.Core.Measurements;

/// <summary>One part of a panel measurement, e.g. the systolic pressure of a blood-pressure reading.</summary>
public sealed record MeasurementComponent(ObservationCode Code, double Value, string Unit);
