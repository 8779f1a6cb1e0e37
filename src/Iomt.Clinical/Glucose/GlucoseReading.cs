namespace Iomt.Clinical.Glucose;

/// <summary>One continuous glucose monitor reading (sensor glucose value) at its device time.</summary>
/// <param name="Time">When the sensor measured it.</param>
/// <param name="MgDl">Glucose in mg/dL; 39 stands for the sensor's "LOW" and 401 for "HIGH" (see <see cref="GlucoseCsvReader"/>).</param>
public readonly record struct GlucoseReading(DateTimeOffset Time, double MgDl);
