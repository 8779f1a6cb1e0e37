using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Af;

namespace Iomt.Cli.Analyze;

/// <summary>
/// <c>iomt analyze rr &lt;in.csv&gt; --out &lt;out.csv&gt;</c>: AF labels for RR intervals (e.g. from a wearable's
/// BLE 0x2A37 RR values). Input header <c>time_s,rr_s</c>; output header <c>time_s,af</c>, one line per input
/// line in the same order. Each label uses at most the 16 following intervals within 30 s.
/// </summary>
public static class RrAnalyzeCommand
{
    /// <summary>
    /// Largest accepted median interval (s), 12 beats/min: a recording whose typical interval is longer is not a
    /// heart rhythm in seconds, almost always milliseconds (RR 300–2000), which would otherwise all fall outside the
    /// detector's 0.2–3 s range and be labelled non-AF without a word.
    /// </summary>
    public const double MaximumMedianIntervalS = 5;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in.csv") { Description = "CSV with header time_s,rr_s (time of the beat ending the interval; interval in seconds)" };
        var output = new Option<string>("--out") { Description = "Output CSV with header time_s,af", Required = true };
        var command = new Command("rr", "Label RR intervals as atrial fibrillation (1) or not (0).") { input, output };
        command.SetHandler(async (parse, ct) =>
        {
            CsvOutput.Check(parse.GetValue(output)!, "--out");
            var (timeTexts, times, rr) = ReadIntervals(parse.GetValue(input)!);
            var labels = AfDetection.Run(times, rr);
            await CsvOutput.WriteAsync(parse.GetValue(output)!, "time_s,af", labels.Select((af, i) => $"{CsvOutput.Field(timeTexts[i])},{(af ? 1 : 0)}"), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Reads and checks the intervals: finite numbers, positive intervals, non-decreasing times (several RR values of one BLE notification may share a time).</summary>
    internal static (List<string> TimeTexts, double[] Times, double[] Intervals) ReadIntervals(string path)
    {
        using var csv = CsvInput.Open(path, "time_s", "rr_s");
        var texts = new List<string>();
        var times = new List<double>();
        var intervals = new List<double>();
        var previous = double.NegativeInfinity;
        while (csv.ReadRow())
        {
            var time = csv.GetDouble("time_s");
            var rr = csv.GetDouble("rr_s");
            if (time < previous)
            {
                throw csv.Error("time_s", string.Create(CultureInfo.InvariantCulture, $"time {time} goes back in time (previous line has {previous}); times must not decrease"));
            }

            if (rr <= 0)
            {
                throw csv.Error("rr_s", string.Create(CultureInfo.InvariantCulture, $"interval {rr} s is not positive"));
            }

            texts.Add(csv.GetString("time_s"));
            times.Add(time);
            intervals.Add(rr);
            previous = time;
        }

        if (intervals.Count > 0)
        {
            var sorted = intervals.Order().ToArray();
            var median = sorted[sorted.Length / 2];
            if (median > MaximumMedianIntervalS)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: column 'rr_s': median interval {median} s is no heart rhythm; the column must be in seconds (milliseconds? divide by 1000)"));
            }

            if (TimeUnitWarning(path, times, intervals) is { } warning)
            {
                Console.Error.WriteLine($"iomt: warning: {warning}");
            }
        }

        return (texts, [.. times], [.. intervals]);
    }

    // Over a recording the times advance about as much as the intervals add up to (more over dropouts; batching, several
    // values sharing one notification's time, changes nothing). A hundred times more means time_s is almost surely in
    // milliseconds, which would shrink the detector's 30-s look-ahead to 30 ms: warned, not refused, since sparse spot
    // readings over a long span could legitimately do it.
    private static string? TimeUnitWarning(string path, List<double> times, List<double> intervals)
    {
        var covered = intervals.Skip(1).Sum();
        var span = times[^1] - times[0];
        return covered >= 30 && span / covered > 100
            ? string.Create(CultureInfo.InvariantCulture, $"{path}: column 'time_s': the times span {span / covered:0} times the intervals they hold; both must be in seconds (milliseconds? divide by 1000)")
            : null;
    }
}
