using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

public class GlucoseCsvReaderTests
{
    private static (List<GlucoseCsvRow> Rows, GlucoseCsvError? Error) Read(string text)
    {
        var reader = GlucoseCsvReader.Open(new StringReader(text), out var headerError);
        var rows = new List<GlucoseCsvRow>();
        if (reader is null)
        {
            return (rows, headerError);
        }

        GlucoseCsvRow row;
        GlucoseCsvError? error;
        while (reader.TryRead(out row, out error))
        {
            rows.Add(row);
        }

        return (rows, error);
    }

    [Fact]
    public void Reads_both_timestamp_forms_and_keeps_their_text()
    {
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n2024-01-01 00:00:00,100\n\n2024-01-01T00:05:00Z,98\n2024-01-01T01:10:00+01:00,97\n");

        Assert.Null(error);
        Assert.Equal([100d, 98d], rows.Take(2).Select(r => r.Reading.MgDl));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 5, 0, TimeSpan.Zero), rows[1].Reading.Time);
        Assert.Equal("2024-01-01T00:05:00Z", rows[1].TimestampText);
        Assert.Equal(4, rows[1].Line);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 10, 0, TimeSpan.Zero), rows[2].Reading.Time);
    }

    [Theory]
    [InlineData("2024-11-03 01:50:00", "2024-11-03 01:55:00", "2024-11-03 01:00:00", "2024-11-03 01:05:00")] // United States: 02:00 → 01:00
    [InlineData("2024-10-27T02:50:00", "2024-10-27T02:58:00", "2024-10-27T02:03:00", "2024-10-27T02:08:00")] // European Union: 03:00 → 02:00
    [InlineData("2024-04-06 23:50:00", "2024-04-06 23:55:00", "2024-04-06 23:00:00", "2024-04-06 23:05:00")] // Chile, on Saturday: 24:00 → 23:00
    [InlineData("2024-04-07 02:45:00", "2024-04-07 02:59:00", "2024-04-07 02:14:00", "2024-04-07 02:29:00")] // Australia, every 15 min
    [InlineData("2024-10-31 23:45:00", "2024-10-31 23:50:00", "2024-10-31 23:15:00", "2024-10-31 23:20:00")] // Egypt, on Thursday, after a gap
    [InlineData("2024-10-27 03:50:00", "2024-10-27 03:55:00", "2024-10-27 03:00:00", "2024-10-27 03:05:00")] // Finland, Greece: 04:00 → 03:00
    public void Reads_local_times_through_the_hour_repeated_at_the_end_of_daylight_saving_time(string first, string second, string third, string fourth)
    {
        var (rows, error) = Read($"timestamp,glucose_value_mg_dl\n{first},100\n{second},99\n{third},98\n{fourth},97\n");

        Assert.Null(error);
        Assert.Equal(4, rows.Count);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(1)], rows.Select(r => r.ClockShift));
        Assert.Equal(DateTimeOffset.Parse(third + "Z", System.Globalization.CultureInfo.InvariantCulture).AddHours(1), rows[2].Reading.Time);
        Assert.Equal(third, rows[2].TimestampText);
        Assert.True(rows[2].Reading.Time > rows[1].Reading.Time && rows[3].Reading.Time > rows[2].Reading.Time);
    }

    [Theory]
    [InlineData("2024-03-10 01:50:00", "2024-03-10 01:55:00", "2024-03-10 03:00:00", "2024-03-10 03:05:00")] // United States: 02:00 → 03:00
    [InlineData("2024-03-31T01:53:00", "2024-03-31T01:58:00", "2024-03-31T03:03:00", "2024-03-31T03:08:00")] // European Union: 02:00 → 03:00
    [InlineData("2024-03-31 00:50:00", "2024-03-31 00:55:00", "2024-03-31 02:00:00", "2024-03-31 02:05:00")] // United Kingdom: 01:00 → 02:00
    [InlineData("2024-03-31 02:52:00", "2024-03-31 02:57:00", "2024-03-31 04:02:00", "2024-03-31 04:07:00")] // Finland, Greece: 03:00 → 04:00
    [InlineData("2024-10-06 01:30:00", "2024-10-06 01:45:00", "2024-10-06 03:00:00", "2024-10-06 03:15:00")] // Australia, every 15 min
    [InlineData("2024-09-07 23:50:00", "2024-09-07 23:55:00", "2024-09-08 01:00:00", "2024-09-08 01:05:00")] // Chile: Saturday 24:00 → Sunday 01:00
    [InlineData("2024-03-29 01:40:00", "2024-03-29 01:45:00", "2024-03-29 03:10:00", "2024-03-29 03:15:00")] // Israel, on Friday, after a gap
    [InlineData("2024-04-25 23:50:00", "2024-04-25 23:55:00", "2024-04-26 01:00:00", "2024-04-26 01:05:00")] // Egypt: Friday 00:00 → 01:00
    [InlineData("2024-10-05 23:50:00", "2024-10-05 23:55:00", "2024-10-06 01:00:00", "2024-10-06 01:05:00")] // Paraguay, its last change
    public void Reads_local_times_across_the_hour_skipped_at_the_start_of_daylight_saving_time(string first, string second, string third, string fourth)
    {
        var (rows, error) = Read($"timestamp,glucose_value_mg_dl\n{first},100\n{second},99\n{third},98\n{fourth},97\n");

        Assert.Null(error);
        var hour = TimeSpan.FromHours(1);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, -hour, -hour], rows.Select(r => r.ClockShift));
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, -hour, TimeSpan.Zero], rows.Select(r => r.ClockChange));
        var written = DateTimeOffset.Parse(third + "Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(written - hour, rows[2].Reading.Time);
        Assert.Equal(third, rows[2].TimestampText);
        Assert.True(rows[2].Reading.Time - rows[1].Reading.Time <= TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData("2024-03-11 01:55:00", "2024-03-11 03:00:00")] // a Monday
    [InlineData("2024-01-07 01:55:00", "2024-01-07 03:00:00")] // a Sunday in January
    [InlineData("2024-03-10 01:20:00", "2024-03-10 03:00:00")] // an hour and 40 minutes
    [InlineData("2024-03-10 02:10:00", "2024-03-10 03:15:00")] // the row before lies in the hour that would be skipped
    [InlineData("2024-03-10 01:58:00", "2024-03-10 02:58:00")] // an hour exactly: nothing skipped
    [InlineData("2024-03-10T01:55:00Z", "2024-03-10T03:00:00Z")] // UTC does not change
    [InlineData("2024-03-10T01:55:00+00:00", "2024-03-10 03:00:00")] // the row before has an offset
    [InlineData("2024-03-22 02:55:00", "2024-03-22 04:00:00")] // a Friday, but not at Israel's hour
    [InlineData("2024-03-03 01:55:00", "2024-03-03 03:00:00")] // a Sunday in March, a week before North America's change
    [InlineData("2024-10-27 00:55:00", "2024-10-27 02:05:00")] // the European Union's set-back night (last Sunday of October)
    public void Takes_other_gaps_of_over_an_hour_as_they_are_written(string before, string after)
    {
        var (rows, error) = Read($"timestamp,glucose_value_mg_dl\n{before},100\n{after},99\n");

        Assert.Null(error);
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.ClockShift));
        Assert.Equal(DateTimeOffset.Parse(after.Length == 19 ? after + "Z" : after, System.Globalization.CultureInfo.InvariantCulture), rows[1].Reading.Time);
    }

    [Fact]
    public void Reads_a_winter_and_the_spring_after_it_and_no_second_set_forward_three_weeks_later()
    {
        // United States: set back on 3 November 2024, set forward on 9 March 2025 (126 days later). An hour-long step on
        // the last Sunday of March, the European Union's day, three weeks later is a gap.
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n2024-11-03 01:55:00,100\n2024-11-03 01:00:00,99\n"
            + "2025-03-09 01:55:00,98\n2025-03-09 03:00:00,97\n2025-03-30 01:55:00,96\n2025-03-30 03:00:00,95\n");

        Assert.Null(error);
        var hour = TimeSpan.FromHours(1);
        Assert.Equal([TimeSpan.Zero, hour, hour, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], rows.Select(r => r.ClockShift));
        Assert.Equal(TimeSpan.FromMinutes(5), rows[3].Reading.Time - rows[2].Reading.Time);
        Assert.Equal(TimeSpan.FromMinutes(65), rows[5].Reading.Time - rows[4].Reading.Time);
    }

    [Fact]
    public void A_gap_taken_for_a_set_forward_does_not_make_the_real_set_back_an_error()
    {
        // A United States file: the sensor stops for 70 minutes on New Zealand's set-forward Sunday, which is read as
        // that change; five weeks later the real set-back is still read, and the local clock is back where it was.
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n2024-09-29 01:50:00,120\n2024-09-29 01:55:00,120\n2024-09-29 03:05:00,120\n"
            + "2024-11-03 01:55:00,120\n2024-11-03 01:00:00,120\n2024-11-03 01:05:00,120\n");

        Assert.Null(error);
        Assert.Equal(6, rows.Count);
        Assert.Equal(TimeSpan.Zero, rows[^1].ClockShift);
        Assert.Equal(TimeSpan.FromHours(1), rows[4].ClockChange);
    }

    [Fact]
    public void Reads_the_clock_changes_of_someone_who_crosses_the_equator()
    {
        // Set back in the United States on 3 November 2024, again in Australia on 6 April 2025 (154 days later); set
        // forward in the United States on 10 March 2024, again in Australia on 6 October 2024 (210 days later).
        var hour = TimeSpan.FromHours(1);
        var (back, backError) = Read("timestamp,glucose_value_mg_dl\n2024-11-03 01:55:00,100\n2024-11-03 01:00:00,99\n2025-04-06 02:55:00,98\n2025-04-06 02:00:00,97\n");
        var (forward, forwardError) = Read("timestamp,glucose_value_mg_dl\n2024-03-10 01:55:00,100\n2024-03-10 03:00:00,99\n2024-10-06 01:55:00,98\n2024-10-06 03:00:00,97\n");

        Assert.Null(backError);
        Assert.Null(forwardError);
        Assert.Equal([TimeSpan.Zero, hour, hour, 2 * hour], back.Select(r => r.ClockShift));
        Assert.Equal([TimeSpan.Zero, -hour, -hour, -2 * hour], forward.Select(r => r.ClockShift));
    }

    [Fact]
    public void Takes_the_year_as_written_with_its_offset()
    {
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n1900-01-01T00:30:00+01:00,100\n2999-12-31T23:30:00-01:00,99\n");

        Assert.Null(error);
        Assert.Equal(2, rows.Count);
    }

    [Theory]
    [InlineData("0001-01-01 00:10:00")]
    [InlineData("9999-12-31 23:30:00")]
    [InlineData("1899-12-31 23:59:59")]
    public void Refuses_times_outside_the_years_1900_to_2999_rather_than_fail_shifting_them(string time)
    {
        // After a set-forward (and after a set-back for the last year) a local time is shifted by an hour.
        var (_, error) = Read($"timestamp,glucose_value_mg_dl\n2024-11-03 01:55:00,100\n2024-11-03 01:00:00,99\n2025-03-09 01:55:00,98\n2025-03-09 03:00:00,97\n{time},96\n");

        Assert.NotNull(error);
        Assert.Equal(6, error.Line);
        Assert.Contains("outside the years 1900–2999", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-11-04 01:55:00,100\n2024-11-04 01:04:00,99\n", "not after the previous row's '2024-11-04 01:55:00'")] // a Monday
    [InlineData("2024-01-07 01:55:00,100\n2024-01-07 01:04:00,99\n", "goes backwards")] // a Sunday in January
    [InlineData("2024-11-03 02:05:00,100\n2024-11-03 01:55:00,99\n", "goes backwards")] // back across the hour
    [InlineData("2024-11-03T01:55:00Z,100\n2024-11-03T01:04:00Z,99\n", "goes backwards")] // UTC does not change
    [InlineData("2024-11-03 01:55:00,100\n2024-11-03 01:04:00,99\n2024-11-10 01:55:00,98\n2024-11-10 01:04:00,97\n", "goes backwards")] // twice in a week
    [InlineData("2024-10-27 04:55:00,100\n2024-10-27 04:04:00,99\n", "goes backwards")] // a Sunday, but not in a repeated hour
    [InlineData("2024-11-03 01:20:00,100\n2024-11-03 01:30:00,99\n2024-11-03 01:25:00,98\n", "goes backwards")] // two rows swapped, that hour
    [InlineData("2024-11-03 01:55:00 GMT,100\n2024-11-03 01:04:00 GMT,99\n", "goes backwards")] // a zone by name
    [InlineData("2024-11-03T01:55:00-04:00,100\n2024-11-03 01:04:00,99\n", "goes backwards")] // the row before has an offset
    [InlineData("2024-04-07 01:55:00,100\n2024-04-07 01:30:00,99\n", "goes backwards")] // Lord Howe's half hour
    public void Refuses_other_times_that_go_back(string rows, string message)
    {
        var (_, error) = Read("timestamp,glucose_value_mg_dl\n" + rows);

        Assert.NotNull(error);
        Assert.Equal("timestamp", error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_file_written_by_r_with_quoted_names_and_timestamps_and_a_row_name_column()
    {
        var (rows, error) = Read("\"\",\"timestamp\",\"glucose_value_mg_dl\"\r\n\"1\",\"2024-01-01 00:00:00\",100\r\n\"2\",\"2024-01-01 00:05:00\",98\r\n");

        Assert.Null(error);
        Assert.Equal([100d, 98d], rows.Select(r => r.Reading.MgDl));
        Assert.Equal("2024-01-01 00:05:00", rows[1].TimestampText);
    }

    [Fact]
    public void Reads_year_first_spellings_outside_the_exact_forms()
    {
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n2024-1-2 3:04:05,100\n2024-01-02T03:09:05.250+00:00,98\n");

        Assert.Null(error);
        Assert.Equal([new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 3, 9, 5, 250, TimeSpan.Zero)], rows.Select(r => r.Reading.Time));
    }

    [Fact]
    public void Reads_iso_8601_basic_format()
    {
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n20240102T0304Z,100\n20240102T030905Z,99\n\"20240102T041405,5+0100\",98\n20240102T051905.5-01,97\n20240102T082405.25+01:00,96\n");

        Assert.Null(error);
        Assert.Equal(
            [
                new DateTimeOffset(2024, 1, 2, 3, 4, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 3, 9, 5, TimeSpan.Zero),
                new DateTimeOffset(2024, 1, 2, 3, 14, 5, 500, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 6, 19, 5, 500, TimeSpan.Zero),
                new DateTimeOffset(2024, 1, 2, 7, 24, 5, 250, TimeSpan.Zero),
            ],
            rows.Select(r => r.Reading.Time));
        Assert.Equal("20240102T0304Z", rows[0].TimestampText);
    }

    [Theory]
    [InlineData("20240102T03")]
    [InlineData("20240102T030")]
    [InlineData("2024012T030405Z")]
    [InlineData("20240102T030405+1")]
    [InlineData("20241302T030405Z")]
    public void Refuses_malformed_basic_timestamps_naming_the_line_and_column(string timestamp)
    {
        var (_, error) = Read($"timestamp,glucose_value_mg_dl\n{timestamp},100\n");

        Assert.NotNull(error);
        Assert.Equal(2, error.Line);
        Assert.Equal("timestamp", error.Column);
        Assert.Contains(timestamp, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Low", "HIGH", 39, 401)]
    [InlineData("LO", "hi", 39, 401)]
    [InlineData("<40", ">400", 39, 401)]
    [InlineData("< 40", "> 400", 39, 401)]
    [InlineData("<20", ">500", 19, 501)]
    public void Maps_readings_beyond_the_sensors_range_one_mg_dl_beyond_its_limit(string low, string high, double lowMgDl, double highMgDl)
    {
        var (rows, error) = Read($"timestamp,glucose_value_mg_dl\n2024-01-01 00:00:00,{low}\n2024-01-01 00:05:00,{high}\n");

        Assert.Null(error);
        Assert.Equal([lowMgDl, highMgDl], rows.Select(r => r.Reading.MgDl));
    }

    [Fact]
    public void Skips_a_row_that_repeats_the_previous_reading()
    {
        var (rows, error) = Read("timestamp,glucose_value_mg_dl\n2024-01-01 00:00:00,120\n2024-01-01 00:05:00,118\n2024-01-01 00:05:00,118\n2024-01-01 00:10:00,110\n");

        Assert.Null(error);
        Assert.Equal([120d, 118d, 110d], rows.Select(r => r.Reading.MgDl));
        Assert.Equal([2, 3, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public void Accepts_columns_in_any_order_with_extra_columns()
    {
        var (rows, error) = Read("device,glucose_value_mg_dl,timestamp\nG6,123,2024-01-01 00:00:00\n");

        Assert.Null(error);
        Assert.Equal(123, Assert.Single(rows).Reading.MgDl);
    }

    [Theory]
    [InlineData("time,glucose_value_mg_dl\n", 1, "timestamp", "missing column")]
    [InlineData("timestamp,glucose\n", 1, "glucose_value_mg_dl", "missing column")]
    [InlineData("", 1, null, "empty file")]
    [InlineData("\ntimestamp,glucose_value_mg_dl\n", 1, null, "blank line")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,100\n2024-01-01 00:00:00,101\n", 3, "timestamp", "goes backwards")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,100\n2024-01-01 00:05:00,104\n", 3, "glucose_value_mg_dl", "two values at 2024-01-01 00:05:00: 104 here, 100 on the previous row")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,NaN\n", 2, "glucose_value_mg_dl", "not a finite number")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,abc\n", 2, "glucose_value_mg_dl", "'abc' is not a number")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,\n", 2, "glucose_value_mg_dl", "missing value")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,19\0\0\n", 2, "glucose_value_mg_dl", "'19\\0\\0' is not a number")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00\0,100\n", 2, "timestamp", "'2024-01-01 00:05:00\\0' is not a timestamp")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00,5.4\n", 2, "glucose_value_mg_dl", "mmol/L")]
    [InlineData("timestamp,glucose_value_mg_dl\n2024-01-01 00:05:00\n", 2, "glucose_value_mg_dl", "too few fields")]
    [InlineData("timestamp,glucose_value_mg_dl\nyesterday,100\n", 2, "timestamp", "is not a timestamp")]
    [InlineData("timestamp,glucose_value_mg_dl\n01/02/2024 10:00:00,100\n", 2, "timestamp", "'01/02/2024 10:00:00' is not a timestamp")]
    [InlineData("timestamp,glucose_value_mg_dl\nJan 2 2024 10:00,100\n", 2, "timestamp", "is not a timestamp")]
    public void Names_the_line_and_column_of_bad_input(string text, int line, string? column, string message)
    {
        var (_, error) = Read(text);

        Assert.NotNull(error);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describes_an_error_as_one_line_with_file_line_and_column()
    {
        var error = new GlucoseCsvError(7, "glucose_value_mg_dl", "'x' is not a number (or Low/High, LO/HI, <N, >N)");

        Assert.Equal("in.csv:7: column 'glucose_value_mg_dl': 'x' is not a number (or Low/High, LO/HI, <N, >N)", error.Describe("in.csv"));
    }
}
