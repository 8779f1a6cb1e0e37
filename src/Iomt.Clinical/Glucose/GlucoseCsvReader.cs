using System.Globalization;
using System.Text.RegularExpressions;
using Iomt.Core.Text;

namespace Iomt.Clinical.Glucose;

/// <summary>
/// Reads CGM CSV (<c>timestamp,glucose_value_mg_dl</c>) row by row, returning errors as values that name the
/// line and column. Rules: timestamps ISO 8601 (extended or basic) or <c>YYYY-MM-DD HH:MM:SS</c> (no offset: read as UTC, except across daylight saving time changes), strictly
/// increasing, except that a row repeating the previous row's timestamp and value is skipped (an export that
/// lists a reading twice: the same reading, stored once), while an earlier timestamp, or the same timestamp with
/// another value, is an error. The one exception is the clock changes of daylight saving time in local times (no
/// offset): a step back of 30–60 minutes within the clock hour that repeats at its end (01:58, then 01:03 again, early
/// on a Sunday in autumn) is the clock set back, and from there on local times are taken an hour later than written; a
/// step over the whole hour skipped at its start and at most half an hour more (01:55, then 03:00, on the Sunday in
/// spring when clocks go forward) is the clock set forward, and local times are taken an hour earlier
/// (<see cref="GlucoseCsvRow.ClockShift"/>). Each kind is read at most once in <see cref="SameClockChangeApart"/>.
/// Timestamps must lie in the years 1900–2999. Values in mg/dL, where the sensor's text codes
/// <c>Low</c> and <c>High</c> (Dexcom shows LOW below 40 and HIGH above 400, §7.3; Libre <c>LO</c> and <c>HI</c>) become 39
/// and 401, and a limit written as <c>&lt;40</c> or <c>&gt;400</c> one mg/dL beyond it;
/// NaN, infinities, non-numbers and values outside 10–1000 mg/dL (mmol/L files, corrupt rows) are errors.
/// </summary>
public sealed partial class GlucoseCsvReader
{
    /// <summary>The time column.</summary>
    public const string TimestampColumn = "timestamp";

    /// <summary>The glucose column.</summary>
    public const string GlucoseColumn = "glucose_value_mg_dl";

    /// <summary>Value used for the sensor's "Low" code.</summary>
    public const double LowCodeMgDl = 39;

    /// <summary>Value used for the sensor's "High" code.</summary>
    public const double HighCodeMgDl = 401;

    private const double MinimumMgDl = 10;
    private const double MaximumMgDl = 1000;

    /// <summary>How far the clock moves at the start and the end of daylight saving time (everywhere but Lord Howe Island).</summary>
    private static readonly TimeSpan DaylightSaving = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest gap between readings taken across a clock change: the step back at the end of daylight saving time
    /// is at least an hour less this, the step forward at its start at most an hour more.
    /// </summary>
    private static readonly TimeSpan LongestGapAcrossClockChange = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Least time between two clock changes of the same kind (two set-backs, or two set-forwards): they come once a
    /// year, or twice for someone who crosses the equator (a set-back in November in the north, the next in April in
    /// the south). Changes of the other kind are not held back: a gap taken for a set-forward must not make the file's
    /// real set-back an error.
    /// </summary>
    public static readonly TimeSpan SameClockChangeApart = TimeSpan.FromDays(150);

    // The years a timestamp may lie in: no CGM reading is older, and shifting a time by the clock changes must stay
    // within what DateTimeOffset holds.
    private const int FirstYear = 1900, LastYear = 2999;

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm",
    ];

    private readonly TextReader _reader;
    private readonly int _timeIndex;
    private readonly int _glucoseIndex;
    private int _line = 1;
    private DateTimeOffset? _previous;
    private double _previousMgDl;
    private string _previousText = string.Empty;
    private bool _previousLocal;
    private TimeSpan _shift;
    private DateTimeOffset? _lastSetBack;
    private DateTimeOffset? _lastSetForward;

    private GlucoseCsvReader(TextReader reader, int timeIndex, int glucoseIndex)
    {
        _reader = reader;
        _timeIndex = timeIndex;
        _glucoseIndex = glucoseIndex;
    }

    /// <summary>Reads and checks the header; null with <paramref name="error"/> set when it lacks a column.</summary>
    public static GlucoseCsvReader? Open(TextReader reader, out GlucoseCsvError? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            error = new GlucoseCsvError(1, null, $"{(header is null ? "empty file" : "blank line")}, expected the header '{TimestampColumn},{GlucoseColumn}'");
            return null;
        }

        var names = CsvFields.Split(header.TrimStart('\uFEFF'));
        var time = IndexOf(names, TimestampColumn);
        var glucose = IndexOf(names, GlucoseColumn);
        var missing = time < 0 ? TimestampColumn : glucose < 0 ? GlucoseColumn : null;
        if (missing is not null)
        {
            error = new GlucoseCsvError(1, missing, $"missing column (header is '{header}')");
            return null;
        }

        error = null;
        return new GlucoseCsvReader(reader, time, glucose);
    }

    /// <summary>
    /// Reads the next row. Returns false at the end of the file or on an error (then <paramref name="error"/> is set).
    /// </summary>
    public bool TryRead(out GlucoseCsvRow row, out GlucoseCsvError? error)
    {
        row = default;
        error = null;
        while (_reader.ReadLine() is { } line)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = CsvFields.Split(line);
            if (Math.Max(_timeIndex, _glucoseIndex) >= fields.Length)
            {
                error = new GlucoseCsvError(_line, fields.Length <= _timeIndex ? TimestampColumn : GlucoseColumn, "missing value (row has too few fields)");
                return false;
            }

            var timeText = fields[_timeIndex].Trim();
            var mgDl = double.NaN;
            error = ParseTime(timeText, out var time) ?? ParseGlucose(fields[_glucoseIndex].Trim(), out mgDl);
            if (error is not null)
            {
                return false;
            }

            // Local times (no offset) are taken `_shift` later than written: an hour later for each end of daylight saving
            // time the file went through, an hour earlier for each start. A time with an offset is exact.
            var local = !HasZone(timeText);
            var change = local && _previousLocal && _previous is { } taken ? ClockChange(time, taken - _shift) : TimeSpan.Zero;
            if (change != TimeSpan.Zero)
            {
                _shift += change;
                if (change > TimeSpan.Zero)
                {
                    _lastSetBack = time + _shift;
                }
                else
                {
                    _lastSetForward = time + _shift;
                }
            }

            if (local)
            {
                time += _shift;
            }

            if (_previous is { } previous && time <= previous)
            {
                if (time == previous && mgDl == _previousMgDl)
                {
                    continue;
                }

                error = time == previous
                    ? new GlucoseCsvError(_line, GlucoseColumn, $"two values at {timeText}: {mgDl.ToString(CultureInfo.InvariantCulture)} here, {_previousMgDl.ToString(CultureInfo.InvariantCulture)} on the previous row")
                    : new GlucoseCsvError(_line, TimestampColumn, $"timestamp goes backwards: '{timeText}' is not after the previous row's '{_previousText}'");
                return false;
            }

            _previous = time;
            _previousMgDl = mgDl;
            _previousText = timeText;
            _previousLocal = local;
            row = new GlucoseCsvRow(new GlucoseReading(time, mgDl), timeText, _line, _shift, change);
            return true;
        }

        return false;
    }

    // The clock change between two local times as written (no offset): DaylightSaving when `written` is the clock set
    // back at the end of daylight saving time, minus it when set forward at the start, zero otherwise (the usual case,
    // or an error when it goes back). Each kind at most once in SameClockChangeApart.
    private TimeSpan ClockChange(DateTimeOffset written, DateTimeOffset previousWritten)
    {
        var taken = written + _shift;
        if (IsSetBack(written, previousWritten) && !(taken - _lastSetBack < SameClockChangeApart))
        {
            return DaylightSaving;
        }

        return IsSetForward(written, previousWritten) && !(taken - _lastSetForward < SameClockChangeApart) ? -DaylightSaving : TimeSpan.Zero;
    }

    // The second time goes back by 30 to 60 minutes within one clock hour, the hour that repeats when the clock is set back
    // an hour at the end of daylight saving time (a real set-back goes back an hour less one sampling interval, or less
    // after a gap; a few minutes back is two rows swapped). Time cannot go back otherwise, so any week will do:
    // - on a Sunday at 01:00–02:00 (North America, 02:00 → 01:00; United Kingdom), 02:00–03:00 (most of the European
    //   Union, Australia, New Zealand), 03:00–04:00 (the European Union's eastern time zone) or 00:00–01:00 (Cuba);
    // - on a Saturday at 23:00–24:00 (Chile, midnight → 23:00), or a Thursday in October (Egypt);
    // - in March, April, October or November.
    private static bool IsSetBack(DateTimeOffset written, DateTimeOffset previousWritten) =>
        written < previousWritten
        && written.Date == previousWritten.Date && written.Hour == previousWritten.Hour
        && previousWritten - written >= DaylightSaving - LongestGapAcrossClockChange
        && written.Month is 3 or 4 or 10 or 11
        && ((written.DayOfWeek == DayOfWeek.Sunday && written.Hour <= 3)
            || (written.DayOfWeek == DayOfWeek.Saturday && written.Hour == 23)
            || (written.DayOfWeek == DayOfWeek.Thursday && written.Hour == 23 && written.Month == 10));

    // The step goes over the whole clock hour that does not exist when the clock is set forward an hour at the start of
    // daylight saving time, and at most LongestGapAcrossClockChange more (an hour and one sampling interval, or a little
    // more after a gap); the time before lies before that hour. A sensor that stops for an hour is read the same way, so
    // only the days and hours clocks actually go forward count (IsSetForwardHour).
    private static bool IsSetForward(DateTimeOffset written, DateTimeOffset previousWritten)
    {
        var step = written - previousWritten;
        if (step <= DaylightSaving || step - DaylightSaving > LongestGapAcrossClockChange)
        {
            return false;
        }

        var hourAfter = written - DaylightSaving;
        var skipped = new DateTimeOffset(hourAfter.Year, hourAfter.Month, hourAfter.Day, hourAfter.Hour, 0, 0, hourAfter.Offset);
        return previousWritten < skipped && IsSetForwardHour(skipped);
    }

    // The local hours that clocks skip, by the rules in force (the day of the month tells the week):
    // - March: the second Sunday at 00:00 (Cuba) and 02:00 (North America); the last Sunday at 00:00 (Lebanon), 01:00
    //   (United Kingdom, Portugal), 02:00 (most of the European Union) and 03:00 (its eastern time zone); the Friday
    //   before the last Sunday at 02:00 (Israel);
    // - April: the last Friday at 00:00 (Egypt);
    // - September: the Sunday after the first Saturday at 00:00 (Chile); the last Sunday at 02:00 (New Zealand);
    // - October: the first Sunday at 00:00 (Paraguay, until 2024) and 02:00 (Australia).
    private static bool IsSetForwardHour(DateTimeOffset hour)
    {
        var day = hour.Day;
        var lastWeek = day > DateTime.DaysInMonth(hour.Year, hour.Month) - 7;
        return (hour.Month, hour.DayOfWeek) switch
        {
            (3, DayOfWeek.Sunday) => (day is >= 8 and <= 14 && hour.Hour is 0 or 2) || (lastWeek && hour.Hour <= 3),
            (3, DayOfWeek.Friday) => day is >= 23 and <= 29 && hour.Hour == 2,
            (4, DayOfWeek.Friday) => lastWeek && hour.Hour == 0,
            (9, DayOfWeek.Sunday) => (day is >= 2 and <= 8 && hour.Hour == 0) || (lastWeek && hour.Hour == 2),
            (10, DayOfWeek.Sunday) => day <= 7 && hour.Hour is 0 or 2,
            _ => false,
        };
    }

    // An offset or a zone after the time of day ('Z', "+01:00", "-0500", "GMT"; the date's own hyphens come before it).
    private static bool HasZone(string text)
    {
        if (text.Length <= 11)
        {
            return false;
        }

        foreach (var c in text.AsSpan(11))
        {
            if (c is '+' or '-' || char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private GlucoseCsvError? ParseTime(string text, out DateTimeOffset time)
    {
        if (text.Length == 0)
        {
            time = default;
            return new GlucoseCsvError(_line, TimestampColumn, "missing value");
        }

        // .NET's parsers read text followed by NUL characters as the text; a field holding one is neither a time nor a number.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            time = default;
            return new GlucoseCsvError(_line, TimestampColumn, $"'{Visible(text)}' is not a timestamp (ISO 8601 or YYYY-MM-DD HH:MM:SS)");
        }

        // The exact forms first; then any other spelling the invariant parser reads (offsets, "Z", unpadded fields),
        // but only year first: "01/02/2024" is 1 February or 2 January depending on who wrote it. ISO 8601's basic
        // format (20240101T063000Z, +0100) is spelled out in the extended one first.
        var extended = text;
        if (BasicIso8601().Match(text) is { Success: true } basic)
        {
            var g = basic.Groups;
            var date = g["date"].Value;
            var offset = g["offset"].Value.Length == 5 ? g["offset"].Value.Insert(3, ":") : g["offset"].Value;
            extended = $"{date[..4]}-{date[4..6]}-{date[6..]}T{g["hour"].Value}:{g["minute"].Value}:{(g["second"].Success ? g["second"].Value : "00")}{g["fraction"].Value.Replace(',', '.')}{offset}";
        }

        if (DateTimeOffset.TryParseExact(extended, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            || (StartsWithYear(extended) && DateTimeOffset.TryParse(extended, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)))
        {
            return time.Year is >= FirstYear and <= LastYear
                ? null
                : new GlucoseCsvError(_line, TimestampColumn, $"'{text}' is outside the years {FirstYear}–{LastYear}");
        }

        return new GlucoseCsvError(_line, TimestampColumn, $"'{text}' is not a timestamp (ISO 8601 or YYYY-MM-DD HH:MM:SS)");
    }

    [GeneratedRegex(@"^(?<date>\d{8})T(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})?(?<fraction>[.,]\d+)?(?<offset>Z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BasicIso8601();

    private static string Visible(string text) => text.Replace("\0", "\\0", StringComparison.Ordinal);

    private static bool StartsWithYear(string text) =>
        text.Length > 4 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) && text[4] == '-';

    private GlucoseCsvError? ParseGlucose(string text, out double mgDl)
    {
        mgDl = double.NaN;
        if (text.Length == 0)
        {
            return new GlucoseCsvError(_line, GlucoseColumn, "missing value");
        }

        if (text.Equals("low", StringComparison.OrdinalIgnoreCase) || text.Equals("lo", StringComparison.OrdinalIgnoreCase))
        {
            mgDl = LowCodeMgDl;
            return null;
        }

        if (text.Equals("high", StringComparison.OrdinalIgnoreCase) || text.Equals("hi", StringComparison.OrdinalIgnoreCase))
        {
            mgDl = HighCodeMgDl;
            return null;
        }

        // "<40" and ">400": a reading beyond the sensor's range, written as the limit it passed; one mg/dL beyond it,
        // as Low and High.
        var beyond = text[0] switch { '<' => -1, '>' => 1, _ => 0 };
        if (text.Contains('\0', StringComparison.Ordinal) || !double.TryParse(beyond == 0 ? text : text[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new GlucoseCsvError(_line, GlucoseColumn, $"'{Visible(text)}' is not a number (or Low/High, LO/HI, <N, >N)");
        }

        value += beyond;

        if (!double.IsFinite(value))
        {
            return new GlucoseCsvError(_line, GlucoseColumn, $"'{text}' is not a finite number");
        }

        if (value < MinimumMgDl || value > MaximumMgDl)
        {
            return new GlucoseCsvError(_line, GlucoseColumn, $"{text} mg/dL is outside {MinimumMgDl}–{MaximumMgDl} (is the file in mmol/L?)");
        }

        mgDl = value;
        return null;
    }

    private static int IndexOf(string[] names, string column)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Trim().Equals(column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
