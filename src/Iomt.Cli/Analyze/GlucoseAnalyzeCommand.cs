using System.CommandLine;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Glucose;

namespace Iomt.Cli.Analyze;

/// <summary>
/// <c>iomt analyze glucose &lt;in.csv&gt; --out &lt;alerts.csv&gt;</c>: replays a CGM trace through the streaming
/// glucose monitor and writes <c>timestamp,alert</c>, each alert stamped with the reading that raised it.
/// </summary>
public static class GlucoseAnalyzeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in.csv") { Description = "CGM readings with header timestamp,glucose_value_mg_dl" };
        var output = new Option<string>("--out") { Description = "Alerts CSV to write (timestamp,alert)", Required = true };
        var forecaster = new Option<string>("--forecaster")
        {
            Description = "urgent_low_soon forecaster: 'trend' (ours, default) or 'ar2' (Nightscout baseline)",
            DefaultValueFactory = _ => "trend",
        };
        forecaster.AcceptOnlyFromAmong("trend", "ar2");
        var command = new Command("glucose", "Glucose alerts (urgent_low_soon, urgent_low, low, high, urgent_high, stale) from CGM readings.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(forecaster);
        command.SetHandler(async (parse, ct) =>
        {
            var detector = parse.GetValue(forecaster) == "ar2" ? (IUrgentLowSoonDetector)new Ar2UrgentLowSoonDetector() : new UrgentLowSoonForecaster();
            await RunAsync(parse.GetValue(input)!, parse.GetValue(output)!, detector, ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string inputPath, string outputPath, IUrgentLowSoonDetector detector, CancellationToken ct)
    {
        CsvOutput.Check(outputPath, "--out");
        var monitor = new GlucoseMonitor(forecaster: detector);
        var alerts = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];
        var lines = new List<string>();
        TimestampEcho? echo = null;
        foreach (var row in GlucoseCsvFile.ReadRows(inputPath))
        {
            ct.ThrowIfCancellationRequested();
            echo ??= new TimestampEcho(row.TimestampText, row.Reading.Time);
            if (row.ClockChange != TimeSpan.Zero)
            {
                var (what, when, way) = row.ClockChange > TimeSpan.Zero ? ("goes back", "end", "later") : ("skips an hour", "start", "earlier");
                await Console.Error.WriteLineAsync($"iomt: note: {inputPath}:{row.Line}: local time '{row.TimestampText}' {what}: taken as the {when} of daylight saving time, so local times from this row on are taken an hour {way} than written").ConfigureAwait(false);
            }

            var count = monitor.Process(row.Reading, alerts);
            for (var i = 0; i < count; i++)
            {
                // A stale alert has no row: it is written in the first row's form, a local one on the local clock.
                var time = alerts[i].Kind != GlucoseAlertKind.Stale ? row.TimestampText
                    : echo.Format(echo.IsLocal ? alerts[i].Time - ClockShiftAt(alerts[i].Time, row) : alerts[i].Time);
                lines.Add($"{CsvOutput.Field(time)},{alerts[i].Kind.ToWireName()}");
            }
        }

        await CsvOutput.WriteAsync(outputPath, "timestamp,alert", lines, ct).ConfigureAwait(false);
    }

    // The clock shift in force at `time`, a moment between the previous reading and `row`: a stale alert is stamped when
    // the data went stale. When the clock changed just before `row`, it changed at the start of that row's hour as taken.
    private static TimeSpan ClockShiftAt(DateTimeOffset time, GlucoseCsvRow row)
    {
        var taken = row.Reading.Time;
        var changed = new DateTimeOffset(taken.Year, taken.Month, taken.Day, taken.Hour, 0, 0, taken.Offset);
        return time >= changed ? row.ClockShift : row.ClockShift - row.ClockChange;
    }
}
