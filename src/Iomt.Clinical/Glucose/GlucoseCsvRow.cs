namespace Iomt.Clinical.Glucose;

/// <summary>One parsed row of a CGM CSV file.</summary>
/// <param name="Reading">The reading, its time <see cref="ClockShift"/> later than written.</param>
/// <param name="TimestampText">The timestamp exactly as written, so output can echo the input's form.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="ClockShift">
/// How much later than written the reading is taken: zero, or, for a local time (no offset), one hour for each end of
/// daylight saving time the file went through (<see cref="GlucoseCsvReader"/>), so that the readings stay in order.
/// </param>
public readonly record struct GlucoseCsvRow(GlucoseReading Reading, string TimestampText, int Line, TimeSpan ClockShift = default);
