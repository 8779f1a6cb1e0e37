using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Evaluation;
using Spectre.Console;

namespace Iomt.Cli.Eval;

/// <summary>
/// <c>iomt eval qrs --data &lt;dir&gt;</c>: runs the QRS detector on every annotated record of a folder and scores it
/// beat by beat (ANSI/AAMI EC57: 150 ms window, from 5 min, beat annotations only, ventricular flutter/fibrillation
/// episodes left out), paced records apart. <c>--noise KIND --snr DB</c> adds synthetic noise first and <c>--rate HZ</c> resamples (<see cref="SignalStress"/>).
/// </summary>
public static class QrsEvalCommand
{
    /// <summary>Paced MIT-BIH records, reported apart from the gross figure as EC57 allows.</summary>
    public static readonly IReadOnlySet<string> PacedRecords = new HashSet<string>(StringComparer.Ordinal) { "102", "104", "107", "217" };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder of WFDB records with .atr reference annotations", Required = true };
        var channel = new Option<int>("--channel") { Description = "Signal number to analyse", DefaultValueFactory = _ => 0 };
        var stress = new SignalStress();
        var command = new Command("qrs", "Score the QRS detector on MIT-BIH style records (EC57, bxb-like matching).") { data, channel };
        stress.AddTo(command);
        command.SetHandler((parse, ct) =>
        {
            var records = MitdbFolder.Records(parse.GetValue(data)!);
            var ch = parse.GetValue(channel);
            var settings = stress.Parse(parse);
            var rows = new List<(string Name, BeatMatchScore Score)>();
            AnsiConsole.Progress().Start(progress =>
            {
                var task = progress.AddTask("QRS detection", maxValue: records.Count);
                foreach (var path in records)
                {
                    ct.ThrowIfCancellationRequested();
                    rows.Add((Path.GetFileName(path), ScoreRecord(path, ch, settings)));
                    task.Increment(1);
                }
            });
            Print(rows);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Detects and scores one record, optionally with noise added and then resampled.</summary>
    internal static BeatMatchScore ScoreRecord(string recordPath, int channel, SignalStress.Settings stress = default)
    {
        var record = MitdbFolder.ReadRecord(recordPath);
        if (channel < 0 || channel >= record.Header.Signals.Count)
        {
            throw new UserInputException($"{recordPath}.hea: --channel {channel}: the record has {record.Header.Signals.Count} signals");
        }

        var annotations = MitdbFolder.ReadAnnotations(recordPath);
        var flutter = BeatMatchScorer.FlutterEpisodes(annotations);
        var reference = BeatMatchScorer.Outside(annotations.Where(a => a.IsBeat).Select(a => a.Sample), flutter);
        var fs = record.Header.SamplingFrequency;
        var (signal, hz) = stress.Apply(record.ToMillivolts(channel), fs, annotations, recordPath);
        var beats = BeatDetection.Run(signal, hz).Select(b => SignalStress.Rescale(b, hz, fs)).ToArray();
        var detected = BeatMatchScorer.Outside(beats, flutter);
        return BeatMatchScorer.Score(reference, detected, fs);
    }

    private static void Print(List<(string Name, BeatMatchScore Score)> rows)
    {
        var table = new Table().AddColumns("record", "TP", "FN", "FP", "Se %", "+P %");
        foreach (var (name, s) in rows)
        {
            table.AddRow(Markup.Escape(name + (PacedRecords.Contains(name) ? " (paced)" : string.Empty)), Int(s.TruePositives), Int(s.FalseNegatives), Int(s.FalsePositives), Pct(s.Sensitivity), Pct(s.PositivePredictivity));
        }

        AnsiConsole.Write(table);
        var gross = rows.Where(r => !PacedRecords.Contains(r.Name)).Aggregate(default(BeatMatchScore), (a, r) => a + r.Score);
        var paced = rows.Where(r => PacedRecords.Contains(r.Name)).Aggregate(default(BeatMatchScore), (a, r) => a + r.Score);
        var all = gross + paced;
        AnsiConsole.WriteLine(Line("gross (paced records excluded)", gross));
        AnsiConsole.WriteLine(Line("paced records only", paced));
        AnsiConsole.WriteLine(Line("all records", all));
    }

    private static string Line(string label, BeatMatchScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: TP {s.TruePositives} FN {s.FalseNegatives} FP {s.FalsePositives} Se {Pct(s.Sensitivity)} % +P {Pct(s.PositivePredictivity)} % DER {Pct(s.DetectionErrorRate)} %");

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double v) => double.IsNaN(v) ? "-" : (100 * v).ToString("F2", CultureInfo.InvariantCulture);
}
