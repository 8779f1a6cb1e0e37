using System.Globalization;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// Reads the HL7 DTM type (HL7 v2.6 §2A.3.22): <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>.
/// </summary>
public static class Hl7DateTime
{
    /// <summary>
    /// Parses a DTM. <paramref name="hasOffset"/> tells whether the text carried a UTC offset; without one the
    /// value is read in <paramref name="defaultOffset"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimeSpan defaultOffset, out DateTimeOffset value, out bool hasOffset)
    {
        value = default;
        hasOffset = false;
        text = text.Trim();
        var zone = text.IndexOfAny('+', '-');
        var offset = defaultOffset;
        if (zone >= 0)
        {
            var z = text[zone..];
            if (z.Length != 5 || !TryDigits(z.Slice(1, 2), out var zh) || !TryDigits(z.Slice(3, 2), out var zm) || zh > 14 || zm > 59)
            {
                return false;
            }

            offset = new TimeSpan(zh, zm, 0) * (z[0] == '-' ? -1 : 1);
            hasOffset = true;
            text = text[..zone];
        }

        var dot = text.IndexOf('.');
        var fraction = 0L;
        if (dot >= 0)
        {
            var f = text[(dot + 1)..];
            if (dot != 14 || f.Length is < 1 or > 4 || !long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }

            for (var i = f.Length; i < 7; i++)
            {
                fraction *= 10;
            }

            text = text[..dot];
        }

        if (text.Length is not (4 or 6 or 8 or 10 or 12 or 14))
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || year < 1)
        {
            return false;
        }

        var month = 1;
        var day = 1;
        int hour = 0, minute = 0, second = 0;
        if ((text.Length >= 6 && !TryDigits(text.Slice(4, 2), out month)) ||
            (text.Length >= 8 && !TryDigits(text.Slice(6, 2), out day)) ||
            (text.Length >= 10 && !TryDigits(text.Slice(8, 2), out hour)) ||
            (text.Length >= 12 && !TryDigits(text.Slice(10, 2), out minute)) ||
            (text.Length >= 14 && !TryDigits(text.Slice(12, 2), out second)))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>Formats a time as DTM to the second with its offset, e.g. <c>20260314101503+0100</c>.</summary>
    public static string Format(DateTimeOffset time)
    {
        var o = time.Offset;
        var sign = o < TimeSpan.Zero ? '-' : '+';
        var abs = o.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{time:yyyyMMddHHmmss}{sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return s.Length > 0;
    }
}
