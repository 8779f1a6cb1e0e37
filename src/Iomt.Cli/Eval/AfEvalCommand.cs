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
/// irregularity and P-wave absence); then episode by episode after EC57 (<see cref="AfEpisodeScorer"/>), for the labels
/// as they are and for the episodes the server alerts on (30-s minimum). <c>--noise KIND --snr DB</c> adds synthetic noise to the lead first and
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
        var command = new Command("af", "Score the RR-only and ECG-based AF detectors per RR interval (AFL left out) and episode by episode (EC57) on MIT-BIH-style records.") { data, channel };
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
        var episodes = EpisodeReference.Of(rhythm, fs, record.Length / fs);
        var referenceBeats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var referenceRhythms = referenceBeats.Skip(1).Select(rhythm.At).ToArray();
        var fromReference = Score(RrOnlyLabels(referenceBeats, fs), referenceBeats, fs, referenceRhythms, episodes);
        var bound = new WindowBound(
            AfWindowBound.Score(referenceRhythms, RrAfDetector.HalfWindow, flutterLooksLikeAf: true),
            AfWindowBound.Score(referenceRhythms, RrAfDetector.HalfWindow, flutterLooksLikeAf: false));
        if (channel < 0 || channel >= record.Header.Signals.Count)
        {
            throw new UserInputException($"{recordPath}.hea: --channel {channel}: the record has {record.Header.Signals.Count} signals");
        }

        var (signal, hz) = stress.Apply(record.ToMillivolts(channel), fs, annotations, recordPath);
        var detected = BeatDetection.Run(signal, hz);
        var detectedRhythms = detected.Skip(1).Select(b => rhythm.At(SignalStress.Rescale(b, hz, fs))).ToArray();
        var fromDetected = Score(RrOnlyLabels(detected, hz), detected, hz, detectedRhythms, episodes);
        long[] referenceAtRate = [.. referenceBeats.Select(b => SignalStress.Rescale(b, fs, hz))];
        var ecgReference = Score(EcgLabels(signal, hz, referenceAtRate), referenceAtRate, hz, referenceRhythms, episodes);
        var ecgDetected = Score(EcgLabels(signal, hz, detected), detected, hz, detectedRhythms, episodes);
        return new Row(name, rhythm.HasAtrialFibrillation, QrsEvalCommand.PacedRecords.Contains(name), fromReference, fromDetected, ecgReference, ecgDetected, bound);
    }

    // `beats` are samples at `hz`; labels[i] and reference[i] belong to the interval ending at beats[i + 1].
    private static DetectorScore Score(bool[] labels, long[] beats, double hz, string[] reference, EpisodeReference episodes)
    {
        var seconds = beats.Select(b => b / hz).ToArray();
        return new DetectorScore(
            AfIntervalScorer.Score(reference, labels),
            episodes.Score(AfEpisodeScorer.FromLabels(seconds, labels)),
            episodes.Score(AfEpisodeScorer.FromTracker(seconds, labels, episodes.EndSeconds)));
    }

    private static bool[] EcgLabels(float[] signal, double hz, long[] beats) =>
        [.. EcgAfDetection.Run(signal, hz, beats).Select(d => d.IsAf)];

    private static bool[] RrOnlyLabels(long[] beats, double hz)
    {
        if (beats.Length < 2)
        {
            return [];
        }

        var times = new double[beats.Length - 1];
        var rr = new double[beats.Length - 1];
        for (var i = 1; i < beats.Length; i++)
        {
            times[i - 1] = beats[i] / hz;
            rr[i - 1] = (beats[i] - beats[i - 1]) / hz;
        }

        return AfDetection.Run(times, rr);
    }

    private static void Print(List<Row> rows)
    {
        var afRows = rows.Where(r => r.HasAf).ToList();
        var unpaced = rows.Where(r => !r.Paced).ToList();
        PrintDetector("RR-only detector (iomt analyze rr):", "gross", afRows, unpaced, r => r.FromReference.Intervals, r => r.FromDetected.Intervals);
        AnsiConsole.WriteLine();
        PrintDetector("ECG-based detector, RR irregularity and P-wave absence (iomt analyze ecg):", "ECG-based", afRows, unpaced, r => r.EcgReference.Intervals, r => r.EcgDetected.Intervals);
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Window bound: the reference rhythm of every interval, each labelled with the majority over ±{RrAfDetector.HalfWindow} intervals (the detectors' window):"));
        AnsiConsole.WriteLine(Line("bound, records with AF, AFL on the AF side    ", Sum(afRows, r => r.Bound.FlutterAsAf)));
        AnsiConsole.WriteLine(Line("bound, records with AF, AFL on the non-AF side", Sum(afRows, r => r.Bound.FlutterApart)));
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Episodes, EC57 (epicmp -A): from {AfEpisodeScorer.LearningSeconds / 60:F0} min, a reference episode is found and a detected one is true on any overlap; AFL not excluded unless said (EC38:1998 -x)."));
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"'labels': runs of intervals labelled AF as they are; 'alerts': the episodes raised with the {AfEpisodeTracker.DefaultMinimumSeconds:F0}-s minimum (AfEpisodeTracker, as in the server)."));
        PrintEpisodes("RR-only, reference beats", unpaced, r => r.FromReference);
        PrintEpisodes("ECG-based, detected beats", unpaced, r => r.EcgDetected);
        foreach (var (label, score) in new (string, Func<Row, DetectorScore>)[]
                 {
                     ("RR-only, reference beats", r => r.FromReference), ("RR-only, detected beats", r => r.FromDetected),
                     ("ECG-based, reference beats", r => r.EcgReference), ("ECG-based, detected beats", r => r.EcgDetected),
                 })
        {
            AnsiConsole.WriteLine(EpisodeLine($"episodes, {label}, labels, all non-paced records", Sum(unpaced, r => score(r).Labels)));
            AnsiConsole.WriteLine(EpisodeLine($"episodes, {label}, alerts, all non-paced records", Sum(unpaced, r => score(r).Alerts)));
        }
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

    // One row per non-paced record with a reference or a detected episode.
    private static void PrintEpisodes(string title, List<Row> rows, Func<Row, DetectorScore> score)
    {
        AnsiConsole.WriteLine($"Episodes, {title}:");
        var table = new Table().AddColumns(
            "record", "AF episodes", "AF min", "detected", "ESe %", "E+P %", "DSe %", "D+P %", "alerts", "alert ESe %", "alert E+P %", "alert DSe %", "alert D+P %");
        foreach (var r in rows)
        {
            var (labels, alerts) = (score(r).Labels.Ec57, score(r).Alerts.Ec57);
            if (labels.ReferenceFound + labels.ReferenceMissed + labels.DetectedTrue + labels.DetectedFalse + alerts.DetectedTrue + alerts.DetectedFalse == 0)
            {
                continue;
            }

            table.AddRow(
                r.Name, Int(labels.ReferenceFound + labels.ReferenceMissed), (labels.ReferenceSeconds / 60).ToString("F1", CultureInfo.InvariantCulture),
                Int(labels.DetectedTrue + labels.DetectedFalse), Pct(labels.EpisodeSensitivity), Pct(labels.EpisodePositivePredictivity), Pct(labels.DurationSensitivity), Pct(labels.DurationPositivePredictivity),
                Int(alerts.DetectedTrue + alerts.DetectedFalse),
                Pct(alerts.EpisodeSensitivity), Pct(alerts.EpisodePositivePredictivity), Pct(alerts.DurationSensitivity), Pct(alerts.DurationPositivePredictivity));
        }

        AnsiConsole.Write(table);
    }

    private static EpisodePair Sum(List<Row> rows, Func<Row, EpisodePair> score) =>
        rows.Aggregate(default(EpisodePair), (a, r) => new EpisodePair(a.Ec57 + score(r).Ec57, a.FlutterExcluded + score(r).FlutterExcluded));

    private static string EpisodeLine(string label, EpisodePair s) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: TPs {s.Ec57.ReferenceFound} FN {s.Ec57.ReferenceMissed} TPp {s.Ec57.DetectedTrue} FP {s.Ec57.DetectedFalse} ESe {Pct(s.Ec57.EpisodeSensitivity)} % E+P {Pct(s.Ec57.EpisodePositivePredictivity)} % DSe {Pct(s.Ec57.DurationSensitivity)} % D+P {Pct(s.Ec57.DurationPositivePredictivity)} % (AFL excluded: FP {s.FlutterExcluded.DetectedFalse} E+P {Pct(s.FlutterExcluded.EpisodePositivePredictivity)} % D+P {Pct(s.FlutterExcluded.DurationPositivePredictivity)} %)");

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
    internal sealed record Row(string Name, bool HasAf, bool Paced, DetectorScore FromReference, DetectorScore FromDetected, DetectorScore EcgReference, DetectorScore EcgDetected, WindowBound Bound);

    /// <summary>One detector on one beat series: per interval, and episode by episode as labelled and as alerted.</summary>
    internal sealed record DetectorScore(AfIntervalScore Intervals, EpisodePair Labels, EpisodePair Alerts);

    /// <summary>Episode scores under EC57 and with reference flutter taken out of the detected episodes (EC38:1998).</summary>
    internal readonly record struct EpisodePair(AfEpisodeScore Ec57, AfEpisodeScore FlutterExcluded);

    /// <summary>A record's reference AF and flutter episodes and its test period.</summary>
    internal sealed record EpisodeReference(IReadOnlyList<Episode> Af, IReadOnlyList<Episode> Flutter, double EndSeconds)
    {
        public static EpisodeReference Of(ReferenceRhythm rhythm, double samplingFrequency, double endSeconds) => new(
            rhythm.Episodes(ReferenceRhythm.AtrialFibrillation, samplingFrequency, endSeconds),
            rhythm.Episodes(ReferenceRhythm.AtrialFlutter, samplingFrequency, endSeconds),
            endSeconds);

        public EpisodePair Score(IReadOnlyList<Episode> detected) => new(
            AfEpisodeScorer.Score(Af, detected, AfEpisodeScorer.LearningSeconds, EndSeconds),
            AfEpisodeScorer.Score(Af, detected, AfEpisodeScorer.LearningSeconds, EndSeconds, Flutter));
    }

    /// <summary>What a labeller knowing the reference rhythm reaches with the detectors' window (<see cref="AfWindowBound"/>).</summary>
    internal sealed record WindowBound(AfIntervalScore FlutterAsAf, AfIntervalScore FlutterApart);
}
