namespace Iomt.Clinical.Glucose;

/// <summary>One parsed row of a CGM CSV file.</summary>
/// <param name="Reading">The reading; written without an offset, its time <see cref="ClockShift"/> later than written.</param>
/// <param name="TimestampText">The timestamp exactly as written, so output can echo the input's form.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="ClockShift">
/// How much later than written a local time (no offset) is taken at this row: zero, an hour more for each end of
/// daylight saving time the file went through and an hour less for each start (<see cref="GlucoseCsvReader"/>), so
/// that the readings keep real elapsed time. It is the local clock's, whatever this row's own form: a time with an
/// offset is exact and not shifted.
/// </param>
/// <param name="ClockChange">
/// How the clock changed just before this row: an hour (set back), minus an hour (set forward) or zero. The change is
/// taken to come at the start of this row's hour as taken (02:00 summer time is 01:00 winter time; 02:00 winter time
/// is 03:00 summer time).
/// </param>
public readonly record struct GlucoseCsvRow(GlucoseReading Reading, string TimestampText, int Line, TimeSpan ClockShift = default, TimeSpan ClockChange = default);
