using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests;

public sealed class GlucoseAnalyzeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Local_times_through_the_end_of_daylight_saving_time_are_read_and_echoed_on_the_local_clock()
    {
        // A CGM export in local time (United States): the clock goes from 01:55 back to 01:00 at 02:00. After the
        // repeated hour the readings stop for 40 minutes; the stale alert, 20 minutes after the last reading, is
        // written on the clock of that reading (01:40), not an hour later.
        var rows = new List<string> { "timestamp,glucose_value_mg_dl" };
        var written = new DateTime(2024, 11, 3, 0, 0, 0);
        for (var t = written; t < written.AddHours(2); t = t.AddMinutes(5))
        {
            rows.Add($"{t:yyyy-MM-dd HH:mm:ss},120");
        }

        for (var t = written.AddHours(1); t <= written.AddHours(1.34); t = t.AddMinutes(5))
        {
            rows.Add($"{t:yyyy-MM-dd HH:mm:ss},118");
        }

        rows.Add("2024-11-03 02:00:00,117");

        var (result, alerts) = await AnalyzeAsync("dst.csv", rows);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dst.csv:26: local time '2024-11-03 01:00:00' goes back: taken as the end of daylight saving time", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["timestamp,alert", "2024-11-03 01:40:00,stale"], alerts);
    }

    [Fact]
    public async Task A_timestamp_with_a_decimal_comma_is_echoed_as_one_quoted_field()
    {
        // ISO 8601 allows a comma before the fraction of a second; the input quotes such a field, and so must the output.
        var (result, alerts) = await AnalyzeAsync("comma.csv", ["timestamp,glucose_value_mg_dl", "\"2024-01-08T00:00:00,5Z\",300", "\"2024-01-08T00:05:00,5Z\",310"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["timestamp,alert", "\"2024-01-08T00:00:00,5Z\",urgent_high"], alerts);
    }

    [Fact]
    public async Task Local_times_through_the_start_of_daylight_saving_time_raise_no_stale_alert()
    {
        // European Union: readings every 5 minutes, the clock goes from 01:55 to 03:00 at 02:00. Only 5 minutes passed,
        // so nothing went stale; before, the step was a gap and a stale alert was written at 02:15, a time that did not
        // exist on that clock.
        var rows = new List<string> { "timestamp,glucose_value_mg_dl" };
        for (var t = new DateTime(2024, 3, 31, 1, 0, 0); t < new DateTime(2024, 3, 31, 4, 0, 0); t = t.AddMinutes(5))
        {
            if (t.Hour != 2)
            {
                rows.Add($"{t:yyyy-MM-dd HH:mm:ss},120");
            }
        }

        var (result, alerts) = await AnalyzeAsync("spring.csv", rows);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("spring.csv:14: local time '2024-03-31 03:00:00' skips an hour: taken as the start of daylight saving time", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["timestamp,alert"], alerts);
    }

    [Theory]
    // Readings stop at 01:45 summer time and resume at 01:10 winter time, 25 minutes later. The data went stale 20
    // minutes after 01:45 summer time, at 02:05 summer time: the clock had gone back by then, so 01:05 winter time.
    [InlineData("2024-11-03 01:40:00", "2024-11-03 01:45:00", "2024-11-03 01:10:00", "2024-11-03 01:15:00", "2024-11-03 01:05:00")]
    // Readings stop at 01:50 winter time and resume at 03:15 summer time, 25 minutes later. The data went stale 20
    // minutes after 01:50 winter time, at 02:10 winter time: the clock had gone forward by then, so 03:10.
    [InlineData("2024-03-10 01:45:00", "2024-03-10 01:50:00", "2024-03-10 03:15:00", "2024-03-10 03:20:00", "2024-03-10 03:10:00")]
    // Local times through a clock change, then a reading with an offset long after: the data went stale 20 minutes
    // after the last local reading, on the local clock as changed (a first version used the offset row's own shift,
    // none, and wrote the alert an hour off).
    [InlineData("2024-11-03 01:55:00", "2024-11-03 01:00:00", "2024-11-03 01:05:00", "2024-11-03T06:40:00Z", "2024-11-03 01:25:00")]
    [InlineData("2024-03-10 01:55:00", "2024-03-10 03:00:00", "2024-03-10 03:05:00", "2024-03-10T07:40:00Z", "2024-03-10 03:25:00")]
    public async Task A_stale_alert_is_written_on_the_local_clock_in_force_when_the_data_went_stale(string first, string second, string third, string fourth, string stale)
    {
        var (result, alerts) = await AnalyzeAsync("gap.csv", ["timestamp,glucose_value_mg_dl", $"{first},120", $"{second},120", $"{third},118", $"{fourth},118"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["timestamp,alert", $"{stale},stale"], alerts);
    }

    [Fact]
    public async Task A_stale_alert_in_a_file_that_starts_with_an_offset_is_written_in_that_form_unshifted()
    {
        // The first row has Z, so alerts without a row of their own are written in UTC: the local clock's set-back must
        // not be taken off them (a first version wrote 01:20Z, before the row that preceded it).
        var (result, alerts) = await AnalyzeAsync("mixed.csv", ["timestamp,glucose_value_mg_dl", "2024-11-02T15:50:00Z,120", "2024-11-03 01:55:00,120", "2024-11-03 01:00:00,120", "2024-11-03T02:40:00Z,120"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["timestamp,alert", "2024-11-02T16:10:00Z,stale", "2024-11-03T02:20:00Z,stale"], alerts);
    }

    // Writes `rows` to a file named `name`, runs `analyze glucose` on it: the result and the alert lines written.
    private async Task<(CliRunner.Result Result, string[] Alerts)> AnalyzeAsync(string name, IEnumerable<string> rows)
    {
        var input = Path.Combine(_dir.Path, name);
        var output = Path.Combine(_dir.Path, "alerts.csv");
        await File.WriteAllLinesAsync(input, rows);
        var result = await CliRunner.RunAsync("analyze", "glucose", input, "--out", output);
        return (result, File.Exists(output) ? await File.ReadAllLinesAsync(output) : []);
    }
}
