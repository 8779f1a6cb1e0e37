using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Falls;
using Iomt.Clinical.Falls.Evaluation;
using Iomt.Clinical.Falls.SisFall;
using Spectre.Console;

namespace Iomt.Cli.Eval;

/// <summary><c>iomt eval falls --data &lt;dir&gt;</c>: leave-one-subject-out fall detection on SisFall.</summary>
public static class FallsEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "SisFall folder: <subject>.tar.xz archives or unpacked <subject>/ folders", Required = true };
        var cache = new Option<string?>("--cache") { Description = "Where archives are unpacked (default <repo>/.cache/sisfall)" };
        var rate = new Option<double>("--rate") { Description = $"Resample the 200 Hz recordings to this rate first ({FallDetector.MinimumRateHz}–{FallDetector.MaximumRateHz} Hz; going down, each axis is averaged over one output period as a device's anti-alias filter would)", DefaultValueFactory = _ => 200 };
        var range = new Option<double>("--range") { Description = "Clip every axis to ±this many g first, as a sensor with that full-scale range would (many phones: 2); at least 1.5", DefaultValueFactory = _ => double.PositiveInfinity };
        var jitter = new Option<double>("--jitter") { Description = "After resampling, take each sample at a time moved by a random fraction of the period within ±this/2, stamped with that time, as phones deliver them (0 to below 1)", DefaultValueFactory = _ => 0 };
        var positiveWeight = new Option<double>("--positive-weight") { Description = "Weight of a fall relative to a non-fall when training each fold", DefaultValueFactory = _ => LeaveOneSubjectOut.Settings.DefaultPositiveWeight };
        var lookback = new Option<double>("--posture-lookback") { Description = "How far before the impact (s) the posture reference may lie (variant studies)", DefaultValueFactory = _ => new FallDetectorOptions().PostureLookbackS };
        var threshold = new Option<double>("--candidate-threshold") { Description = "Filtered magnitude (g) that opens an impact candidate (variant studies)", DefaultValueFactory = _ => new FallDetectorOptions().CandidateThresholdG };
        var lowPass = new Option<double>("--low-pass") { Description = "Low-pass cut-off (Hz) applied before everything else (variant studies)", DefaultValueFactory = _ => new FallDetectorOptions().LowPassCutoffHz };
        var nested = new Option<bool>("--nested") { Description = "Also run the nested LOSO that chooses low-pass cut-off and candidate threshold per held-out subject (81 settings; about 20 min on 2 cores)" };
        var errors = new Option<bool>("--errors") { Description = "Also list the missed falls and the ADL recordings with a false alarm (held-out models)" };
        var dump = new Option<string?>("--features") { Description = "Also write every impact candidate's features to this CSV" };
        var command = new Command("falls", "Leave-one-subject-out fall detection on SisFall: per-subject sensitivity, specificity, false alarms per hour of ADL.");
        command.Options.Add(data);
        command.Options.Add(cache);
        command.Options.Add(rate);
        command.Options.Add(range);
        command.Options.Add(jitter);
        command.Options.Add(dump);
        command.Options.Add(positiveWeight);
        command.Options.Add(lookback);
        command.Options.Add(threshold);
        command.Options.Add(lowPass);
        command.Options.Add(nested);
        command.Options.Add(errors);
        command.SetHandler((parse, ct) =>
        {
            var dataFolder = parse.GetValue(data)!;
            var cacheFolder = parse.GetValue(cache) ?? DefaultCache();
            var hz = parse.GetValue(rate);
            if (!FallDetector.SupportsRate(hz))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--rate {hz}: must be between {FallDetector.MinimumRateHz} and {FallDetector.MaximumRateHz} Hz"));
            }

            var rangeG = parse.GetValue(range);
            if (!(rangeG >= 1.5))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--range {rangeG}: must be at least 1.5 g (gravity alone takes 1 g of it)"));
            }

            var jitterFraction = parse.GetValue(jitter);
            if (!(jitterFraction is >= 0 and < 1))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--jitter {jitterFraction}: must be at least 0 and below 1 (a fraction of the sampling period)"));
            }

            var stress = new MotionStress(hz, rangeG, jitterFraction);
            var options = new FallDetectorOptions { PostureLookbackS = parse.GetValue(lookback), CandidateThresholdG = parse.GetValue(threshold), LowPassCutoffHz = parse.GetValue(lowPass) };
            return Task.FromResult(Run(dataFolder, cacheFolder, stress, parse.GetValue(dump), parse.GetValue(positiveWeight), options, parse.GetValue(errors), parse.GetValue(nested), ct));
        });
        return command;
    }

    /// <summary>The settings grid of <c>--nested</c>: low-pass cut-off (Hz) × candidate threshold (g).</summary>
    private static readonly double[] GridCutoffsHz = [2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 5];

    private static readonly double[] GridThresholdsG = [1.3, 1.35, 1.4, 1.45, 1.5, 1.55, 1.6, 1.65, 1.7];

    // How the 200 Hz recordings are turned into another device's: its rate, its range, its timing.
    private readonly record struct MotionStress(double RateHz, double RangeG, double Jitter)
    {
        public MotionRecording Apply(MotionRecording recording, string name)
        {
            var motion = recording.Resample(RateHz, Jitter, SignalStress.SeedOf(name));
            return double.IsFinite(RangeG) ? motion.Clip(RangeG) : motion;
        }

        public string Describe()
        {
            var clipped = double.IsFinite(RangeG) ? string.Create(CultureInfo.InvariantCulture, $", axes clipped to ±{RangeG} g") : "";
            var jittered = Jitter > 0 ? string.Create(CultureInfo.InvariantCulture, $", sample times jittered by ±{Jitter / 2:0.###} of the period") : "";
            return string.Create(CultureInfo.InvariantCulture, $"{RateHz} Hz{clipped}{jittered}");
        }
    }

    private static int Run(string dataFolder, string cacheFolder, MotionStress stress, string? featuresPath, double positiveWeight, FallDetectorOptions options, bool listErrors, bool nested, CancellationToken ct)
    {
        IReadOnlyList<SisFallRecording> recordings;
        try
        {
            Directory.CreateDirectory(cacheFolder);
            recordings = SisFallDataSet.Locate(dataFolder, cacheFolder);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException(e.Message);
        }

        var settings = new LeaveOneSubjectOut.Settings(PositiveWeight: positiveWeight, RefractoryS: options.RefractoryS);
        var motions = new List<(SisFallRecording Recording, MotionRecording Motion)>(recordings.Count);
        List<RecordingCandidates> candidates = [];
        (IReadOnlyList<NestedLeaveOneSubjectOut.Fold> Folds, FallDetectorOptions OnAll)? nestedResult = null;
        AnsiConsole.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask($"Reading {recordings.Count} recordings", maxValue: recordings.Count);
            foreach (var recording in recordings)
            {
                ct.ThrowIfCancellationRequested();
                var read = SisFallFileReader.Read(recording.Path);
                if (read.Recording is null)
                {
                    throw new UserInputException(read.Error!);
                }

                motions.Add((recording, stress.Apply(read.Recording, recording.Name)));
                task.Increment(1);
            }

            candidates = Extract(motions, options);
            if (nested)
            {
                var grid = new List<NestedLeaveOneSubjectOut.GridPoint>();
                var gridTask = progress.AddTask($"Detecting impacts with {GridCutoffsHz.Length * GridThresholdsG.Length} settings", maxValue: GridCutoffsHz.Length * GridThresholdsG.Length);
                foreach (var cutoff in GridCutoffsHz)
                {
                    foreach (var threshold in GridThresholdsG)
                    {
                        ct.ThrowIfCancellationRequested();
                        var point = options with { LowPassCutoffHz = cutoff, CandidateThresholdG = threshold };
                        grid.Add(new(point, Extract(motions, point)));
                        gridTask.Increment(1);
                    }
                }

                var subjects = motions.Select(m => m.Recording.Subject).Distinct().Count();
                var outer = progress.AddTask("Nested leave-one-subject-out (settings chosen per held-out subject)", maxValue: subjects + 1);
                var folds = NestedLeaveOneSubjectOut.Run(grid, settings, _ => outer.Increment(1));
                nestedResult = (folds, NestedLeaveOneSubjectOut.Choose(grid, settings).Options);
                outer.Increment(1);
            }
        });

        if (nestedResult is { } result)
        {
            PrintNested(result.Folds, result.OnAll);
        }

        if (featuresPath is not null)
        {
            WriteFeatures(featuresPath, candidates);
        }

        var perSubject = LeaveOneSubjectOut.Run(candidates, settings);
        PrintTable(perSubject, stress);
        if (listErrors)
        {
            PrintErrors(candidates, settings);
        }

        var all = LeaveOneSubjectOut.Train(candidates, settings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model trained on all subjects: means [{string.Join(", ", all.Means.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}] scales [{string.Join(", ", all.Scales.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}] weights [{string.Join(", ", all.Weights.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}] bias {all.Bias:R}"));
        var shipped = LeaveOneSubjectOut.Score(candidates, options.Model, options.RefractoryS);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Shipped model (trained on all these subjects, so not held out): Se {0} Sp {1} FA/h {2}", Pct(shipped.Sensitivity), Pct(shipped.Specificity), Num(shipped.FalseAlarmsPerHour)));
        return 0;
    }

    private static List<RecordingCandidates> Extract(IReadOnlyList<(SisFallRecording Recording, MotionRecording Motion)> motions, FallDetectorOptions options) =>
        [.. motions.AsParallel().AsOrdered().Select(m => RecordingCandidates.Extract(m.Recording, m.Motion, options))];

    private static void PrintNested(IReadOnlyList<NestedLeaveOneSubjectOut.Fold> folds, FallDetectorOptions onAll)
    {
        foreach (var fold in folds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nested {fold.Subject}: chosen on the other subjects {fold.Chosen.LowPassCutoffHz} Hz / {fold.Chosen.CandidateThresholdG} g; falls {fold.Score.FallsDetected}/{fold.Score.Falls}, ADL with a false alarm {fold.Score.AdlWithFalseAlarm}/{fold.Score.Adl}"));
        }

        foreach (var (name, group) in new[] { ("young", folds.Where(f => !SisFallRecording.IsElderlySubject(f.Subject))), ("elderly", folds.Where(f => SisFallRecording.IsElderlySubject(f.Subject))), ("total", folds) })
        {
            var s = group.Aggregate(FallScore.Empty, (sum, f) => sum.Plus(f.Score));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nested {name}: Se {Pct(s.Sensitivity)} ({s.FallsDetected}/{s.Falls}) Sp {Pct(s.Specificity)} ({s.Adl - s.AdlWithFalseAlarm}/{s.Adl}) FA/h {Num(s.FalseAlarmsPerHour)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen on all subjects: {onAll.LowPassCutoffHz} Hz / {onAll.CandidateThresholdG} g"));
    }

    private static void PrintErrors(IReadOnlyList<RecordingCandidates> candidates, LeaveOneSubjectOut.Settings settings)
    {
        foreach (var subject in candidates.Select(r => r.Recording.Subject).Distinct().Order(StringComparer.Ordinal))
        {
            var model = LeaveOneSubjectOut.Train(candidates.Where(r => r.Recording.Subject != subject), settings);
            var wrong = candidates
                .Where(r => r.Recording.Subject == subject && r.Recording.IsFall == (r.FallTimes(model, settings.RefractoryS).Count == 0))
                .Select(r => r.Recording.Name);
            Console.WriteLine($"{subject} errors: {string.Join(' ', wrong)}");
        }
    }

    private static void PrintTable(IReadOnlyList<(string Subject, FallScore Score)> perSubject, MotionStress stress)
    {
        var table = new Table().Title($"SisFall leave-one-subject-out at {stress.Describe()} (per recording)");
        foreach (var column in new[] { "subject", "falls", "found", "Se %", "ADL", "ADL+FA", "Sp %", "ADL h", "FA", "FA/h" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var young = FallScore.Empty;
        var elderly = FallScore.Empty;
        foreach (var (subject, score) in perSubject)
        {
            AddRow(table, subject, score);
            if (SisFallRecording.IsElderlySubject(subject))
            {
                elderly = elderly.Plus(score);
            }
            else
            {
                young = young.Plus(score);
            }
        }

        AddRow(table, "young", young);
        AddRow(table, "elderly", elderly);
        AddRow(table, "total", young.Plus(elderly));
        AnsiConsole.Write(table);
    }

    private static void AddRow(Table table, string name, FallScore s) => table.AddRow(
        name,
        s.Falls.ToString(CultureInfo.InvariantCulture),
        s.FallsDetected.ToString(CultureInfo.InvariantCulture),
        Pct(s.Sensitivity),
        s.Adl.ToString(CultureInfo.InvariantCulture),
        s.AdlWithFalseAlarm.ToString(CultureInfo.InvariantCulture),
        Pct(s.Specificity),
        s.AdlHours.ToString("0.00", CultureInfo.InvariantCulture),
        s.FalseAlarms.ToString(CultureInfo.InvariantCulture),
        Num(s.FalseAlarmsPerHour));

    private static string Pct(double value) => double.IsNaN(value) ? "-" : (100 * value).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Num(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static void WriteFeatures(string path, IReadOnlyList<RecordingCandidates> candidates)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("subject,recording,is_fall,strongest,impact_s,decision_s," + string.Join(',', FallFeatures.Names));
        foreach (var recording in candidates)
        {
            var strongest = recording.Candidates.MaxBy(c => c.Features[0]);
            foreach (var c in recording.Candidates)
            {
                writer.WriteLine(string.Join(',', new[]
                {
                    recording.Recording.Subject, recording.Recording.Name, recording.Recording.IsFall ? "1" : "0", ReferenceEquals(c, strongest) ? "1" : "0",
                    c.ImpactTimeS.ToString("0.000", CultureInfo.InvariantCulture), c.DecisionTimeS.ToString("0.000", CultureInfo.InvariantCulture),
                }.Concat(c.Features.Select(f => f.ToString("0.#####", CultureInfo.InvariantCulture)))));
            }
        }
    }

    /// <summary>The repository's <c>.cache/sisfall</c> when run inside it, else a folder under the temp directory.</summary>
    private static string DefaultCache()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iomt.slnx")))
            {
                return Path.Combine(dir.FullName, ".cache", "sisfall");
            }
        }

        return Path.Combine(Path.GetTempPath(), "iomt-cache", "sisfall");
    }
}
