using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Evaluation;
using Spectre.Console;

namespace Iomt.Cli.Eval;

/// <summary>
/// <c>iomt eval af --data &lt;dir&gt;</c>: per-RR-interval AF Se/Sp on the records with AF episodes, from the
/// reference beats (RR-only detector, as in the literature) and from our own QRS detections (end to end),
/// for the RR-only detector (<c>iomt analyze rr</c>) and the ECG-based one (<c>iomt analyze ecg</c>: RR
/// irregularity and P-wave absence). <c>--noise KIND --snr DB</c> adds synthetic noise to the lead first and
/// <c>--rate HZ</c> resamples it (<see cref="SignalStress"/>): the ECG-based rows and those from our detections then
/// show what noise or another sampling rate does.
/// </summary>
public static class AfEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder of WFDB records with .atr reference annotations", Required = true };
        var channel = new Option<int>("--channel") { Description = "Signal used for the end-to-end run", DefaultValueFactory = _ => 0 };
        var stress = new SignalStress();
        var command = new Command("af", "Score the RR-only and ECG-based AF detectors per RR interval on records with AF episodes (AFL left out).") { data, channel };
        stress.AddTo(command);
        command.SetHandler((parse, ct) =>
        {
            var records = MitdbFolder.Records(parse.GetValue(data)!);
            var ch = parse.GetValue(channel);
            var settings = stress.Parse(parse);
            var rows = new List<Row>();
            AnsiConsole.Progress().Start(progress =>
            {
                var task = progress.AddTask("AF detection", maxValue: records.Count);
                foreach (var path in records)
                {
                    ct.ThrowIfCancellationRequested();
                    rows.Add(ScoreRecord(path, ch, settings));
                    task.Increment(1);
                }
            });
            Print(rows);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// Scores one record from reference beats and from detected beats. The ECG-based rows and the detections run on the
    /// lead as <paramref name="stress"/> leaves it (noise added, resampled); intervals are labelled by the reference
    /// rhythm at the record sample of the beat that ends them.
    /// </summary>
    internal static Row ScoreRecord(string recordPath, int channel, SignalStress.Settings stress = default)
    {
        var name = Path.GetFileName(recordPath);
        var annotations = MitdbFolder.ReadAnnotations(recordPath);
        var rhythm = new ReferenceRhythm(annotations);
        var record = MitdbFolder.ReadRecord(recordPath);
        var fs = record.Header.SamplingFrequency;
        var referenceBeats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var referenceRhythms = referenceBeats.Skip(1).Select(rhythm.At).ToArray();
        var fromReference = ScoreBeats(referenceBeats, fs, referenceRhythms);
        var bound = new WindowBound(
            AfWindowBound.Score(referenceRhythms, RrAfDetector.HalfWindow, flutterLooksLikeAf: true),
            AfWindowBound.Score(referenceRhythms, RrAfDetector.HalfWindow, flutterLooksLikeAf: false));
        if (channel < 0 || channel >= record.Header.Signals.Count)
        {
            throw new UserInputException($"{recordPath}.hea: --channel {channel}: the record has {record.Header.Signals.Count} signals");
        }

        var (signal, hz) = stress.Apply(record.ToPhysical(channel), fs, annotations, recordPath);
        var detected = BeatDetection.Run(signal, hz);
        var detectedRhythms = detected.Skip(1).Select(b => rhythm.At(SignalStress.Rescale(b, hz, fs))).ToArray();
        var fromDetected = ScoreBeats(detected, hz, detectedRhythms);
        long[] referenceAtRate = [.. referenceBeats.Select(b => SignalStress.Rescale(b, fs, hz))];
        var ecgReference = ScoreEcg(signal, hz, referenceAtRate, referenceRhythms);
        var ecgDetected = ScoreEcg(signal, hz, detected, detectedRhythms);
        return new Row(name, rhythm.HasAtrialFibrillation, QrsEvalCommand.PacedRecords.Contains(name), fromReference, fromDetected, ecgReference, ecgDetected, bound);
    }

    // `beats` are samples of `signal` (at `hz`); `reference[i - 1]` is the rhythm of the interval ending at beats[i].
    private static AfIntervalScore ScoreEcg(float[] signal, double hz, long[] beats, string[] reference)
    {
        var decisions = EcgAfDetection.Run(signal, hz, beats);
        return AfIntervalScorer.Score(reference, decisions.Select(d => d.IsAf).ToArray());
    }

    private static AfIntervalScore ScoreBeats(long[] beats, double hz, string[] reference)
    {
        if (beats.Length < 2)
        {
            return default;
        }

        var times = new double[beats.Length - 1];
        var rr = new double[beats.Length - 1];
        for (var i = 1; i < beats.Length; i++)
        {
            times[i - 1] = beats[i] / hz;
            rr[i - 1] = (beats[i] - beats[i - 1]) / hz;
        }

        return AfIntervalScorer.Score(reference, AfDetection.Run(times, rr));
    }

    private static void Print(List<Row> rows)
    {
        var afRows = rows.Where(r => r.HasAf).ToList();
        var unpaced = rows.Where(r => !r.Paced).ToList();
        PrintDetector("RR-only detector (iomt analyze rr):", "gross", afRows, unpaced, r => r.FromReference, r => r.FromDetected);
        AnsiConsole.WriteLine();
        PrintDetector("ECG-based detector, RR irregularity and P-wave absence (iomt analyze ecg):", "ECG-based", afRows, unpaced, r => r.EcgReference, r => r.EcgDetected);
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Window bound: the reference rhythm of every interval, each labelled with the majority over ±{RrAfDetector.HalfWindow} intervals (the detectors' window):"));
        AnsiConsole.WriteLine(Line("bound, records with AF, AFL on the AF side    ", Sum(afRows, r => r.Bound.FlutterAsAf)));
        AnsiConsole.WriteLine(Line("bound, records with AF, AFL on the non-AF side", Sum(afRows, r => r.Bound.FlutterApart)));
    }

    private static void PrintDetector(string title, string label, List<Row> afRows, List<Row> unpaced, Func<Row, AfIntervalScore> fromReference, Func<Row, AfIntervalScore> fromDetected)
    {
        AnsiConsole.WriteLine(title);
        PrintTable(afRows, fromReference, fromDetected);
        AnsiConsole.WriteLine(Line($"{label}, records with AF, reference beats", Sum(afRows, fromReference)));
        AnsiConsole.WriteLine(Line($"{label}, records with AF, detected beats ", Sum(afRows, fromDetected)));
        AnsiConsole.WriteLine(Line($"{label}, all non-paced records, reference beats", Sum(unpaced, fromReference)));
        AnsiConsole.WriteLine(Line($"{label}, all non-paced records, detected beats ", Sum(unpaced, fromDetected)));
    }

    private static void PrintTable(List<Row> rows, Func<Row, AfIntervalScore> fromReference, Func<Row, AfIntervalScore> fromDetected)
    {
        var table = new Table().AddColumns("record", "AF", "non-AF", "AFL", "Se %", "Sp %", "PPV %", "AFL→AF %", "Se % (QRS)", "Sp % (QRS)");
        foreach (var r in rows)
        {
            var s = fromReference(r);
            var c = s.Confusion;
            var d = fromDetected(r).Confusion;
            table.AddRow(
                r.Name, Int(c.TruePositives + c.FalseNegatives), Int(c.TrueNegatives + c.FalsePositives), Int(s.FlutterIntervals),
                Pct(c.Sensitivity), Pct(c.Specificity), Pct(c.PositivePredictiveValue), Pct(Share(s.FlutterLabelledAf, s.FlutterIntervals)),
                Pct(d.Sensitivity), Pct(d.Specificity));
        }

        AnsiConsole.Write(table);
    }

    private static AfIntervalScore Sum(List<Row> rows, Func<Row, AfIntervalScore> score) =>
        rows.Aggregate(default(AfIntervalScore), (a, r) => a + score(r));

    private static string Line(string label, AfIntervalScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: TP {s.Confusion.TruePositives} FN {s.Confusion.FalseNegatives} TN {s.Confusion.TrueNegatives} FP {s.Confusion.FalsePositives} Se {Pct(s.Confusion.Sensitivity)} % Sp {Pct(s.Confusion.Specificity)} % PPV {Pct(s.Confusion.PositivePredictiveValue)} % (AFL left out: {s.FlutterIntervals}, {Pct(Share(s.FlutterLabelledAf, s.FlutterIntervals))} % labelled AF)");

    private static double Share(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double v) => double.IsNaN(v) ? "-" : (100 * v).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>One record's scores.</summary>
    internal sealed record Row(string Name, bool HasAf, bool Paced, AfIntervalScore FromReference, AfIntervalScore FromDetected, AfIntervalScore EcgReference, AfIntervalScore EcgDetected, WindowBound Bound);

    /// <summary>What a labeller knowing the reference rhythm reaches with the detectors' window (<see cref="AfWindowBound"/>).</summary>
    internal sealed record WindowBound(AfIntervalScore FlutterAsAf, AfIntervalScore FlutterApart);
}
