using System.CommandLine;
using System.Globalization;
using Iomt.Cli.Analyze;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Glucose;
using Iomt.Clinical.Glucose.Evaluation;
using Spectre.Console;

namespace Iomt.Cli.Eval;

/// <summary>
/// <c>iomt eval glucose --data &lt;dir&gt;</c>: scores our urgent-low-soon forecaster and Nightscout AR2 side by
/// side on every CGM CSV in a folder (episodes below 55 mg/dL caught 10–60 min early, false alerts per day);
/// <c>--cross-validate</c> also runs the leave-one-patient-out choice of settings; <c>--every M</c> scores the traces a
/// sensor reading every M minutes would give; <c>--noise SD</c> adds white noise of SD mg/dL to the readings the
/// detectors see (the episodes stay those of the data).
/// </summary>
public static class GlucoseEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder of CGM CSV files (timestamp,glucose_value_mg_dl), one per patient", Required = true };
        var crossValidate = new Option<bool>("--cross-validate") { Description = "Also run leave-one-patient-out selection of the forecaster's settings" };
        var every = new Option<double?>("--every")
        {
            Description = "Keep one reading per this many minutes (the first, then each at least 90 % of it after the last kept), as a sparser sensor would give, e.g. 15; default: every reading",
        };
        var noise = new Option<double?>("--noise") { Description = "Add white Gaussian noise of this standard deviation (mg/dL, up to 30) to the readings the detectors see, as a noisier sensor would; episodes stay those of the data" };
        var command = new Command("glucose", "Urgent-low-soon forecaster vs Nightscout AR2 on CGM traces.");
        command.Options.Add(data);
        command.Options.Add(crossValidate);
        command.Options.Add(every);
        command.Options.Add(noise);
        command.SetHandler((parse, _) =>
        {
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 160; // a log file or pipe: keep the table on one line per patient
                AnsiConsole.Profile.Capabilities.Ansi = false;
            }

            var minutes = parse.GetValue(every);
            if (minutes is { } m && !(m is >= 1 and <= 60))
            {
                throw new UserInputException($"--every: {m.ToString(CultureInfo.InvariantCulture)} minutes is outside 1–60");
            }

            var sd = parse.GetValue(noise);
            if (sd is { } s && !(s is > 0 and <= 30))
            {
                throw new UserInputException($"--noise: {s.ToString(CultureInfo.InvariantCulture)} mg/dL is outside 0–30");
            }

            var patients = Load(parse.GetValue(data)!);
            if (minutes is { } interval)
            {
                patients = [.. patients.Select(p => p.Sparser(TimeSpan.FromMinutes(interval)))];
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "one reading per {0} min: {1} readings, {2} episodes", interval, patients.Sum(p => p.Readings.Length), patients.Sum(p => p.Episodes.Count));
            }

            if (sd is { } deviation)
            {
                patients = [.. patients.Select(p => p.WithNoise(deviation, SignalStress.SeedOf(p.Name)))];
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "white noise of {0} mg/dL added to the readings", deviation);
            }

            PrintSideBySide(patients);
            if (parse.GetValue(crossValidate))
            {
                PrintCrossValidation(patients);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static List<PatientTrace> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new UserInputException($"{folder}: folder not found");
        }

        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new UserInputException($"{folder}: no .csv files");
        }

        var patients = new List<PatientTrace>();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("reading CGM files", maxValue: files.Length);
            foreach (var file in files)
            {
                patients.Add(PatientTrace.From(Path.GetFileNameWithoutExtension(file), GlucoseCsvFile.ReadAll(file)));
                task.Increment(1);
            }
        });
        return patients;
    }

    private static void PrintSideBySide(List<PatientTrace> patients)
    {
        var table = new Table().Title("urgent_low_soon: episodes < 55 mg/dL caught 10–60 min early; false alerts per patient-day");
        foreach (var column in (string[])["patient", "days", "episodes", "ours caught", "ours lead", "ours false", "ours false/day", "AR2 caught", "AR2 lead", "AR2 false", "AR2 false/day"])
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var ours = UrgentLowSoonScore.Empty;
        var ar2 = UrgentLowSoonScore.Empty;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("scoring", maxValue: patients.Count);
            foreach (var patient in patients)
            {
                var o = patient.Score(new UrgentLowSoonForecaster());
                var a = patient.Score(new Ar2UrgentLowSoonDetector());
                table.AddRow(Row(patient.Name, o, a));
                ours = ours.Add(o);
                ar2 = ar2.Add(a);
                task.Increment(1);
            }
        });
        table.AddRow(Row("total", ours, ar2).Select(c => $"[bold]{c}[/]").ToArray());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Summary("ours", ours));
        AnsiConsole.MarkupLine(Summary("AR2 ", ar2));
    }

    private static void PrintCrossValidation(List<PatientTrace> patients)
    {
        var grid = UrgentLowSoonCrossValidation.Grid();
        IReadOnlyList<CrossValidationFold> folds = [];
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("leave-one-patient-out grid", maxValue: grid.Count);
            folds = UrgentLowSoonCrossValidation.Run(patients, grid, progress: () => task.Increment(1));
        });
        var table = new Table().Title($"leave-one-patient-out: settings chosen without the patient ({grid.Count} grid points), scored on it");
        foreach (var column in (string[])["held out", "level", "horizon", "window", "curvature", "caught", "false", "AR2 caught", "AR2 false"])
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var ours = UrgentLowSoonScore.Empty;
        var ar2 = UrgentLowSoonScore.Empty;
        foreach (var fold in folds)
        {
            var c = fold.Chosen;
            table.AddRow(fold.HeldOut, N(c.AlertBelowMgDl), N(c.HorizonMinutes), N(c.TrendWindowMinutes), N(c.CurvatureWeight),
                $"{fold.Ours.CaughtEarly}/{fold.Ours.Episodes}", N(fold.Ours.FalseAlerts), $"{fold.Ar2.CaughtEarly}/{fold.Ar2.Episodes}", N(fold.Ar2.FalseAlerts));
            ours = ours.Add(fold.Ours);
            ar2 = ar2.Add(fold.Ar2);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Summary("cross-validated ours", ours));
        AnsiConsole.MarkupLine(Summary("AR2                 ", ar2));
        var chosen = UrgentLowSoonCrossValidation.MostChosen(folds);
        AnsiConsole.MarkupLine($"most chosen: level {N(chosen.AlertBelowMgDl)} mg/dL, horizon {N(chosen.HorizonMinutes)} min, window {N(chosen.TrendWindowMinutes)} min, curvature weight {N(chosen.CurvatureWeight)}");
    }

    private static string[] Row(string name, UrgentLowSoonScore o, UrgentLowSoonScore a) =>
    [
        name, o.Days.ToString("F1", CultureInfo.InvariantCulture), N(o.Episodes),
        Caught(o), Lead(o), N(o.FalseAlerts), o.FalsePerDay.ToString("F2", CultureInfo.InvariantCulture),
        Caught(a), Lead(a), N(a.FalseAlerts), a.FalsePerDay.ToString("F2", CultureInfo.InvariantCulture),
    ];

    private static string Summary(string name, UrgentLowSoonScore s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: caught early {s.CaughtEarly}/{s.Episodes} ({s.CaughtShare:P1}), median lead {s.MedianLeadMinutes:F1} min, {s.FalseAlerts} false = {s.FalsePerDay:F3} per patient-day, {s.Alerts} alerts");

    private static string Caught(UrgentLowSoonScore s) =>
        s.Episodes == 0 ? $"{s.CaughtEarly}/0" : string.Create(CultureInfo.InvariantCulture, $"{s.CaughtEarly}/{s.Episodes} ({s.CaughtShare:P0})");

    private static string Lead(UrgentLowSoonScore s) =>
        double.IsNaN(s.MedianLeadMinutes) ? "–" : s.MedianLeadMinutes.ToString("F1", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
