using System.Globalization;

namespace Iomt.Protocols.Ble;

/// <summary>
/// The 7-octet Bluetooth Date Time (org.bluetooth.characteristic.date_time: uint16 year, month, day, hours,
/// minutes, seconds). It carries no time zone; year, month or day 0 mean "not known".
/// </summary>
public readonly record struct GattDateTime(int Year, int Month, int Day, int Hours, int Minutes, int Seconds)
{
    /// <summary>True when year, month and day are all given (0 means not known).</summary>
    public bool IsKnown => Year != 0 && Month != 0 && Day != 0;

    /// <summary>The local date-time (kind Unspecified), or null when the date is not known.</summary>
    public DateTime? ToDateTime() =>
        IsKnown && FirstOutOfRangePart() is null ? new DateTime(Year, Month, Day, Hours, Minutes, Seconds, DateTimeKind.Unspecified) : null;

    /// <summary>Local ISO-8601 "YYYY-MM-DDThh:mm:ss" without offset, or null when the date is not known.</summary>
    public string? ToIso() => ToDateTime() is { } t ? FormatIso(t) : null;

    /// <summary>Formats a local date-time the way the README renders Date Time fields.</summary>
    public static string FormatIso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The field of the first out-of-range part, or null when all are within the ranges of the Date Time
    /// definition (year 1582–9999 or 0, month 0–12, day 0–31 and within the month, hours 0–23, minutes and seconds 0–59).
    /// </summary>
    public string? FirstOutOfRangePart()
    {
        if (Year != 0 && Year is < 1582 or > 9999)
        {
            return "year";
        }

        if (Month > 12)
        {
            return "month";
        }

        if (Day > 31 || (Year != 0 && Month != 0 && Day > DateTime.DaysInMonth(Year, Month)))
        {
            return "day";
        }

        return Hours > 23 ? "hours" : Minutes > 59 ? "minutes" : Seconds > 59 ? "seconds" : null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        ToIso() ?? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}T{Hours:D2}:{Minutes:D2}:{Seconds:D2}");
}
