namespace Iomt.Clinical.Glucose;

/// <summary>One parsed row of a CGM CSV file.</summary>
/// <param name="Reading">The reading.</param>
/// <param name="TimestampText">The timestamp exactly as written, so output can echo the input's form.</param>
/// <param name="Line">1-based line number.</param>
public readonly record struct GlucoseCsvRow(GlucoseReading Reading, string TimestampText, int Line);
