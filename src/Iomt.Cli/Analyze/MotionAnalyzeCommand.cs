using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Cli.Analyze;

/// <summary><c>iomt analyze motion &lt;in.csv&gt; --out &lt;events.csv&gt;</c>: fall and inactivity events from a waist accelerometer.</summary>
public static class MotionAnalyzeCommand
{
    /// <summary>Fewest samples accepted: the detector needs a few seconds of context to say anything.</summary>
    public const int MinimumSamples = 50;

    // The rate the filters are designed for is estimated before the first sample is analysed, from the samples of the
    // first second (at least RateProbeIntervals intervals, at most RateProbeSamples samples): the command's only look-ahead.
    private const int RateProbeSamples = 200;
    private const int RateProbeIntervals = 32;
    private const double RateProbeS = 1;

    private static readonly string[] GyroColumns = ["gx_dps", "gy_dps", "gz_dps"];

    /// <summary>
    /// Accepted median acceleration magnitude (g) over the first samples. A waist sensor reads about 1 g whatever the
    /// activity (gravity plus movement that averages out); 9.8 means m/s², about 0 means gravity was filtered out
    /// (linear acceleration), and the detector needs total acceleration in g for its impact and posture features.
    /// </summary>
    private const double MinimumMedianG = 0.5, MaximumMedianG = 2.5;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in.csv") { Description = "CSV with header time_s,ax_g,ay_g,az_g[,gx_dps,gy_dps,gz_dps], 12–1000 Hz (the rate may change within the file)" };
        var output = new Option<string>("--out") { Description = "Events CSV to write (header time_s,event)", Required = true };
        var inactivity = new Option<double>("--inactivity-min") { Description = "Minutes without movement before an inactivity event", DefaultValueFactory = _ => 30 };
        var command = new Command("motion", "Detect falls and long inactivity in waist accelerometer samples.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(inactivity);
        command.SetHandler(async (parse, ct) =>
        {
            var minutes = parse.GetValue(inactivity);
            if (!(minutes > 0))
            {
                throw new UserInputException($"--inactivity-min {minutes.ToString(CultureInfo.InvariantCulture)}: must be positive");
            }

            CsvOutput.Check(parse.GetValue(output)!, "--out");
            var offRate = new OffRateStretches();
            var events = Analyze(parse.GetValue(input)!, new InactivityDetectorOptions { MaxStillS = minutes * 60 }, offRate, ct);
            if (offRate.Note(parse.GetValue(input)!) is { } note)
            {
                await Console.Error.WriteLineAsync(note).ConfigureAwait(false);
            }

            await CsvOutput.WriteAsync(parse.GetValue(output)!, "time_s,event", events.Select(e => $"{e.TimeS.ToString("0.###", CultureInfo.InvariantCulture)},{e.Name}"), ct).ConfigureAwait(false);

            Console.WriteLine($"{events.Count(e => e.Kind == MotionEventKind.Fall)} fall(s), {events.Count(e => e.Kind == MotionEventKind.Inactivity)} inactivity event(s)");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Reads and validates the CSV, streaming it through a <see cref="MotionAnalyzer"/>; <paramref name="offRate"/> is
    /// told every sampling interval.
    /// </summary>
    internal static IReadOnlyList<MotionEvent> Analyze(string path, InactivityDetectorOptions inactivity, OffRateStretches offRate, CancellationToken ct)
    {
        using var csv = CsvInput.Open(path, "time_s", "ax_g", "ay_g", "az_g");
        var gyro = GyroColumns.Any(csv.HasColumn);
        if (gyro)
        {
            foreach (var column in GyroColumns)
            {
                if (!csv.HasColumn(column))
                {
                    throw new UserInputException($"{path}:1: missing column '{column}' (gyroscope columns come as gx_dps,gy_dps,gz_dps)");
                }
            }
        }

        // The filters need the rate: estimate it from the first samples, then stream the rest (the detector follows
        // a change of rate on its own).
        var probe = new List<(double T, double X, double Y, double Z)>(RateProbeSamples);
        var events = new List<MotionEvent>();
        MotionAnalyzer? analyzer = null;
        var buffer = new MotionEvent[2];
        var last = double.NegativeInfinity;
        var rows = 0;

        // Samples that share a time get times of their own first (a clock coarser than the sampling period).
        var spreader = new EqualTimeSpreader();
        void Take(double t, double x, double y, double z)
        {
            if (analyzer is null)
            {
                probe.Add((t, x, y, z));
                if (probe.Count == RateProbeSamples || (probe.Count > RateProbeIntervals && t - probe[0].T >= RateProbeS))
                {
                    analyzer = Start(path, probe, inactivity, events, buffer);
                }

                return;
            }

            var n = analyzer.Add(t, x, y, z, buffer);
            for (var i = 0; i < n; i++)
            {
                events.Add(buffer[i]);
            }
        }

        while (csv.ReadRow())
        {
            ct.ThrowIfCancellationRequested();
            var t = csv.GetDouble("time_s");
            // Equal times are accepted: timestamps rounded coarser than the sampling period repeat (e.g. 200 Hz in 0.01 s).
            if (t < last)
            {
                throw csv.Error("time_s", string.Create(CultureInfo.InvariantCulture, $"time {t} goes back in time (previous line has {last}); times must not decrease"));
            }

            if (rows > 0)
            {
                offRate.Add(t - last, csv.LineNumber);
            }

            last = t;
            var sample = (t, Acceleration(csv, "ax_g"), Acceleration(csv, "ay_g"), Acceleration(csv, "az_g"));
            if (gyro)
            {
                // Validated so a broken file is reported, though the shipped model uses acceleration only: a reading
                // may be absent (a gyroscope that did not report), but one that is there must be a number.
                foreach (var column in GyroColumns)
                {
                    _ = csv.GetOptionalDouble(column);
                }
            }

            rows++;
            if (!spreader.Add(sample.t, sample.Item2, sample.Item3, sample.Item4, Take))
            {
                throw csv.Error("time_s", string.Create(CultureInfo.InvariantCulture, $"more than {EqualTimeSpreader.MaxRun} samples share the time {t}"));
            }
        }

        spreader.Flush(Take);
        if (rows < MinimumSamples)
        {
            throw new UserInputException($"{path}:{csv.LineNumber}: too short: {rows} sample(s), need at least {MinimumSamples}");
        }

        analyzer ??= Start(path, probe, inactivity, events, buffer);
        if (analyzer.Flush(out var cutShort))
        {
            events.Add(cutShort);
        }

        return events;
    }

    // An acceleration column's value, refused beyond any accelerometer's range.
    private static double Acceleration(CsvInput csv, string column)
    {
        var g = csv.GetDouble(column);
        return Math.Abs(g) <= MotionAnalyzer.MaximumAccelerationG
            ? g
            : throw csv.Error(column, string.Create(CultureInfo.InvariantCulture, $"{g} g is beyond any accelerometer's range (±{MotionAnalyzer.MaximumAccelerationG} g): a corrupt value or a missing-value code?"));
    }

    private static MotionAnalyzer Start(string path, List<(double T, double X, double Y, double Z)> probe, InactivityDetectorOptions inactivity, List<MotionEvent> events, MotionEvent[] buffer)
    {
        var times = probe.Select(p => p.T).ToArray();
        var rate = MotionRecording.EstimateRate(times);
        if (!FallDetector.SupportsRate(rate))
        {
            // Times in milliseconds read as a rate a thousand times too low.
            var hint = FallDetector.SupportsRate(rate * 1000) ? " (is the column in milliseconds? it must be in seconds)" : string.Empty;
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: column 'time_s': sampling rate {rate:0.###} Hz is outside the supported {FallDetector.MinimumRateHz}–{FallDetector.MaximumRateHz} Hz{hint}"));
        }

        var magnitudes = probe.Select(p => Math.Sqrt((p.X * p.X) + (p.Y * p.Y) + (p.Z * p.Z))).Order().ToArray();
        var median = magnitudes[magnitudes.Length / 2];
        if (!(median >= MinimumMedianG && median <= MaximumMedianG))
        {
            var hint = median > MaximumMedianG
                ? "is the file in m/s² (divide by 9.80665) or raw sensor counts?"
                : "was gravity filtered out? the detector needs total acceleration, gravity included";
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: columns 'ax_g','ay_g','az_g': median magnitude {median:0.###} g over the first {probe.Count} samples, expected about 1 g ({hint})"));
        }

        var analyzer = new MotionAnalyzer(rate, inactivityOptions: inactivity);
        foreach (var (t, x, y, z) in probe)
        {
            var n = analyzer.Add(t, x, y, z, buffer);
            for (var i = 0; i < n; i++)
            {
                events.Add(buffer[i]);
            }
        }

        return analyzer;
    }
}
