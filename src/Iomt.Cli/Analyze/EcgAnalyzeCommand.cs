using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Hrv;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Cli.Analyze;

/// <summary>
/// <c>iomt analyze ecg &lt;record&gt; [--channel N] --beats &lt;beats.csv&gt; --rhythm &lt;rhythm.csv&gt;</c>: QRS detection
/// and AF detection on a WFDB record (path without extension). <c>beats.csv</c>: <c>sample,time_s</c>;
/// <c>rhythm.csv</c>: <c>start_s,end_s,rhythm</c> with rhythm <c>AF</c> or <c>NONAF</c>, covering the record.
/// </summary>
public static class EcgAnalyzeCommand
{
    /// <summary>
    /// Least span (mV) of a whole record, lowest to highest sample, below which it is reported as flat: a QRS alone spans
    /// 0.3 mV or more, and an unconnected lead or a header with a gain 1000 times too large spans hundredths.
    /// </summary>
    public const double FlatSpanMv = 0.05;

    /// <summary>
    /// The record path: as given, or without a <c>.hea</c> or <c>.dat</c> ending when the record is named by one of its
    /// files (<c>100.hea</c>) and no header of that longer name exists.
    /// </summary>
    public static string RecordPath(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return !File.Exists(given + ".hea") && (given.EndsWith(".hea", StringComparison.OrdinalIgnoreCase) || given.EndsWith(".dat", StringComparison.OrdinalIgnoreCase))
            ? given[..^4]
            : given;
    }

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var record = new Argument<string>("record") { Description = "WFDB record path without extension (reads <record>.hea and its signal file)" };
        var channel = new Option<int?>("--channel")
        {
            Description = "Signal number to analyse (0-based; default 0, or the first ECG lead when the header names signal 0 as another signal, e.g. ABP or RESP)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                result.AddError($"--channel '{text}': not a signal number (0, 1, ...)");
                return null;
            },
        };
        var beats = new Option<string>("--beats") { Description = "Output CSV of detected beats (sample,time_s)", Required = true };
        var rhythm = new Option<string>("--rhythm") { Description = "Output CSV of rhythm segments (start_s,end_s,rhythm)", Required = true };
        var command = new Command("ecg", "Detect beats and atrial fibrillation in a WFDB ECG record.") { record, channel, beats, rhythm };
        command.SetHandler(async (parse, ct) =>
        {
            var path = RecordPath(parse.GetValue(record)!);
            CsvOutput.Check(parse.GetValue(beats)!, "--beats");
            CsvOutput.Check(parse.GetValue(rhythm)!, "--rhythm");
            if (CsvOutput.SameFile(parse.GetValue(beats)!, parse.GetValue(rhythm)!))
            {
                throw new UserInputException($"--beats and --rhythm name the same file {parse.GetValue(beats)}; each needs its own");
            }

            if (Directory.Exists(path) && !File.Exists(path + ".hea"))
            {
                throw new UserInputException($"{path}: is a folder; give a record in it without extension (e.g. {Path.Combine(path, "100")})");
            }

            var read = WfdbRecordReader.Read(path);
            if (!read.IsSuccess)
            {
                throw new UserInputException(read.Error.ToString());
            }

            var wfdb = read.Value;
            foreach (var warning in wfdb.Warnings)
            {
                await Console.Error.WriteLineAsync($"iomt: warning: {warning}").ConfigureAwait(false);
            }

            if (wfdb.Header.Signals.Count == 0)
            {
                throw new UserInputException($"{path}.hea: line 1: the record has no signals to analyse");
            }

            var requested = parse.GetValue(channel);
            var ch = requested ?? DefaultChannel(wfdb.Header);
            if (ch < 0 || ch >= wfdb.Header.Signals.Count)
            {
                throw new UserInputException($"{path}.hea: --channel {ch}: the record has {wfdb.Header.Signals.Count} signals (0 to {wfdb.Header.Signals.Count - 1})");
            }

            var name = wfdb.Header.Signals[ch].Description;
            if (requested is null && ch != 0)
            {
                await Console.Error.WriteLineAsync($"iomt: note: {path}.hea: signal 0 is '{wfdb.Header.Signals[0].Description}', not an ECG lead; analysing signal {ch} '{name}' (choose another with --channel)").ConfigureAwait(false);
            }
            else if (SignalNames.Classify(name) == SignalKind.Other)
            {
                await Console.Error.WriteLineAsync($"iomt: warning: {path}.hea: signal {ch} is '{name}', not an ECG lead; analysing it as one{(requested is null ? " (no signal is named as an ECG lead)" : string.Empty)}").ConfigureAwait(false);
            }

            var fs = wfdb.Header.SamplingFrequency;
            if (fs is < 50 or > 10_000)
            {
                throw new UserInputException($"{path}.hea: line 1: sampling frequency: {fs.ToString(CultureInfo.InvariantCulture)} Hz is outside the 50–10000 Hz the detectors analyse");
            }

            var invalid = wfdb.InvalidCount(ch);
            if (invalid > 0 && invalid == wfdb.Length)
            {
                throw new UserInputException($"{path}: signal {ch}: every sample is marked invalid; there is no signal to analyse");
            }

            if (invalid > 0)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"iomt: warning: {path}: signal {ch}: {invalid} samples ({invalid / fs:F1} s) are marked invalid; each holds the last valid value")).ConfigureAwait(false);
            }

            var signal = wfdb.ToMillivolts(ch);
            var span = signal.Length == 0 ? 0 : signal.Max() - signal.Min();
            if (span < FlatSpanMv)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"iomt: warning: {path}: signal {ch}: flat, {span:0.###} {(EcgUnits.MillivoltsPer(wfdb.Header.Signals[ch].Units) is null ? wfdb.Header.Signals[ch].Units : "mV")} from lowest to highest over the whole record; no beat can be found (lead off, or a wrong gain in the header?)")).ConfigureAwait(false);
            }

            var (detected, positions) = BeatDetection.RunWithPositions(signal, fs);

            // Interval i runs from beat i to beat i + 1; the rhythm segments start at its first beat.
            var starts = detected.SkipLast(1).Select(b => b / fs).ToArray();

            // The full ECG is at hand, so AF needs both an irregular rhythm and absent P waves.
            var decisions = EcgAfDetection.Run(signal, fs, detected);
            var segments = RhythmSegmenter.Segments(decisions, starts, wfdb.Length / fs);
            await CsvOutput.WriteAsync(parse.GetValue(beats)!, "sample,time_s", detected.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b},{b / fs:F4}")), ct).ConfigureAwait(false);
            await CsvOutput.WriteAsync(parse.GetValue(rhythm)!, "start_s,end_s,rhythm", segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.StartSeconds:F4},{s.EndSeconds:F4},{(s.IsAf ? "AF" : "NONAF")}")), ct).ConfigureAwait(false);

            // HRV from the beats' positions (energy centroids), which do not jump between R and S waves.
            var hrv = HrvCalculator.Compute([.. positions.Zip(positions.Skip(1), (a, b) => (b - a) / fs)]);
            var afSeconds = segments.Where(s => s.IsAf).Sum(s => s.EndSeconds - s.StartSeconds);
            var summary = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {detected.Length} beats, AF {afSeconds:F0} s of {wfdb.Length / fs:F0} s");
            if (hrv is not null)
            {
                summary += string.Create(CultureInfo.InvariantCulture, $", HR {hrv.MeanHeartRateBpm:F0} bpm, SDNN {hrv.SdnnMs:F0} ms, RMSSD {hrv.RmssdMs:F0} ms, pNN50 {hrv.Pnn50Percent:F1} %");
            }

            Console.WriteLine(summary);
            return 0;
        });
        return command;
    }

    // Signal 0, unless the header names it as another signal (ABP, RESP, ...) and names a later one as an ECG lead.
    private static int DefaultChannel(WfdbHeader header)
    {
        if (SignalNames.Classify(header.Signals[0].Description) != SignalKind.Other)
        {
            return 0;
        }

        for (var i = 1; i < header.Signals.Count; i++)
        {
            if (SignalNames.Classify(header.Signals[i].Description) == SignalKind.Ecg)
            {
                return i;
            }
        }

        return 0;
    }
}
