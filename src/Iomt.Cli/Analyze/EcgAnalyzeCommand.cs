using System.CommandLine;
using System.Globalization;
using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Hrv;
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

            var located = WfdbRecordReader.Locate(path);
            if (!located.IsSuccess)
            {
                throw new UserInputException(located.Error.ToString());
            }

            var files = located.Value;
            var header = files.Header;
            if (header.Signals.Count == 0)
            {
                throw new UserInputException($"{path}.hea: line 1: the record has no signals to analyse");
            }

            var requested = parse.GetValue(channel);
            var ch = requested ?? DefaultChannel(header);
            if (ch < 0 || ch >= header.Signals.Count)
            {
                throw new UserInputException($"{path}.hea: --channel {ch}: the record has {header.Signals.Count} signals (0 to {header.Signals.Count - 1})");
            }

            var spec = header.Signals[ch];
            if (requested is null && ch != 0)
            {
                await Console.Error.WriteLineAsync($"iomt: note: {path}.hea: signal 0 is '{header.Signals[0].Description}', not an ECG lead; analysing signal {ch} '{spec.Description}' (choose another with --channel)").ConfigureAwait(false);
            }
            else if (SignalNames.Classify(spec.Description) == SignalKind.Other)
            {
                await Console.Error.WriteLineAsync($"iomt: warning: {path}.hea: signal {ch} is '{spec.Description}', not an ECG lead; analysing it as one{(requested is null ? " (no signal is named as an ECG lead)" : string.Empty)}").ConfigureAwait(false);
            }

            var fs = header.SamplingFrequency;
            if (fs is < 50 or > 10_000)
            {
                throw new UserInputException($"{path}.hea: line 1: sampling frequency: {fs.ToString(CultureInfo.InvariantCulture)} Hz is outside the 50–10000 Hz the detectors analyse");
            }

            // Two passes over the signal file, a block at a time: the first finds what to warn about and the value that
            // invalid samples before the first valid one hold; the second analyses. Memory does not grow with the record.
            var survey = Survey(files, ch);
            foreach (var warning in survey.Warnings.Prepend(files.CutWarning(files.FileOf(ch))).OfType<WfdbError>())
            {
                await Console.Error.WriteLineAsync($"iomt: warning: {warning}").ConfigureAwait(false);
            }

            if (files.Length == 0)
            {
                throw new UserInputException($"{path}: the record holds no samples to analyse");
            }

            if (survey.Invalid > 0 && survey.Invalid == files.Length)
            {
                throw new UserInputException($"{path}: signal {ch}: every sample is marked invalid; there is no signal to analyse");
            }

            if (survey.Invalid > 0)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"iomt: warning: {path}: signal {ch}: {survey.Invalid} samples ({survey.Invalid / fs:F1} s) are marked invalid; each holds the last valid value")).ConfigureAwait(false);
            }

            if (survey.SpanMv < FlatSpanMv)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"iomt: warning: {path}: signal {ch}: flat, {survey.SpanMv:0.###} {(EcgUnits.MillivoltsPer(spec.Units) is null ? spec.Units : "mV")} from lowest to highest over the whole record; no beat can be found (lead off, or a wrong gain in the header?)")).ConfigureAwait(false);
            }

            var found = Analyse(files, ch, survey.FirstHeld);
            var detected = found.Beats;

            // Interval i runs from beat i to beat i + 1; the rhythm segments start at its first beat.
            var starts = detected.SkipLast(1).Select(b => b / fs).ToArray();
            var segments = RhythmSegmenter.Segments(found.Decisions(), starts, files.Length / fs);
            await CsvOutput.WriteAsync(parse.GetValue(beats)!, "sample,time_s", detected.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b},{b / fs:F4}")), ct).ConfigureAwait(false);
            await CsvOutput.WriteAsync(parse.GetValue(rhythm)!, "start_s,end_s,rhythm", segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.StartSeconds:F4},{s.EndSeconds:F4},{(s.IsAf ? "AF" : "NONAF")}")), ct).ConfigureAwait(false);

            // HRV from the beats' positions (energy centroids), which do not jump between R and S waves.
            var positions = found.Positions;
            var hrv = HrvCalculator.Compute([.. positions.Zip(positions.Skip(1), (a, b) => (b - a) / fs)]);
            var afSeconds = segments.Where(s => s.IsAf).Sum(s => s.EndSeconds - s.StartSeconds);
            var summary = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {detected.Count} beats, AF {afSeconds:F0} s of {files.Length / fs:F0} s");
            if (hrv is not null)
            {
                summary += string.Create(CultureInfo.InvariantCulture, $", HR {hrv.MeanHeartRateBpm:F0} bpm, SDNN {hrv.SdnnMs:F0} ms, RMSSD {hrv.RmssdMs:F0} ms, pNN50 {hrv.Pnn50Percent:F1} %");
            }

            Console.WriteLine(summary);
            return 0;
        });
        return command;
    }

    // The whole signal once, a block at a time: invalid samples, the span of the valid ones (mV), the value invalid samples
    // before the first valid one hold, and what disagrees with the header's initial value and checksum.
    private static (long Invalid, double SpanMv, float FirstHeld, IReadOnlyList<WfdbError> Warnings) Survey(WfdbRecordFiles record, int channel)
    {
        using var reader = new WfdbChannelReader(record, channel);
        var spec = reader.Spec;
        var scale = spec.MillivoltScale;
        var adc = new int[WfdbFrameReader.BlockFrames];
        var values = new float[WfdbFrameReader.BlockFrames];
        long invalid = 0;
        float held = float.NaN, first = float.NaN, low = float.PositiveInfinity, high = float.NegativeInfinity;
        int n;
        while ((n = reader.Read(adc)) > 0)
        {
            invalid += adc.AsSpan(0, n).Count(spec.InvalidSample);
            spec.ToHeldPhysical(adc.AsSpan(0, n), values, scale, ref held);
            foreach (var v in values.AsSpan(0, n))
            {
                if (!float.IsNaN(v))
                {
                    first = float.IsNaN(first) ? v : first;
                    low = Math.Min(low, v);
                    high = Math.Max(high, v);
                }
            }
        }

        return (invalid, float.IsNaN(first) ? 0 : high - low, float.IsNaN(first) ? 0 : first, reader.Warnings);
    }

    // The signal through the streaming analysis, a block at a time.
    private static Findings Analyse(WfdbRecordFiles record, int channel, float firstHeld)
    {
        using var reader = new WfdbChannelReader(record, channel);
        var spec = reader.Spec;
        var scale = spec.MillivoltScale;
        var analyzer = new EcgLeadAnalyzer(record.Header.SamplingFrequency);
        var found = new Findings();
        var adc = new int[WfdbFrameReader.BlockFrames];
        var millivolts = new float[WfdbFrameReader.BlockFrames];
        var held = firstHeld;
        int n;
        while ((n = reader.Read(adc)) > 0)
        {
            spec.ToHeldPhysical(adc.AsSpan(0, n), millivolts, scale, ref held);
            analyzer.Process(millivolts.AsSpan(0, n), found);
        }

        analyzer.End(found);
        return found;
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

    // The beats and AF labels of one analysis; the labels by interval (interval i ends at beat i + 1).
    private sealed class Findings : IEcgLeadSink
    {
        private readonly List<AfDecision> _decisions = [];

        public List<long> Beats { get; } = [];

        public List<double> Positions { get; } = [];

        public void OnBeat(long sample, double position)
        {
            Beats.Add(sample);
            Positions.Add(position);
        }

        public void OnAfDecision(AfDecision decision, long raisedAt) => _decisions.Add(decision);

        public AfDecision[] Decisions()
        {
            var byInterval = new AfDecision[Math.Max(0, Beats.Count - 1)];
            foreach (var d in _decisions)
            {
                byInterval[d.Index] = d;
            }

            return byInterval;
        }
    }
}
