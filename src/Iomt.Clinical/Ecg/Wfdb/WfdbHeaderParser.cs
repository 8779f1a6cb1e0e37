using System.Globalization;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Parses the text of a WFDB <c>.hea</c> header (PhysioNet <c>header(5)</c>): a record line
/// <c>name nsig [fs [nsamp …]]</c> and one signal line per signal
/// <c>file format[xspf][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero [initval [checksum [blocksize [description]]]]]]]</c>.
/// The description may also follow any field after the gain, when it does not begin like a number (writers that leave
/// out the trailing numbers). Multi-segment records, multi-frequency signals (<c>x</c> other than 1) and skewed signals
/// are reported as unsupported.
/// </summary>
public static class WfdbHeaderParser
{
    /// <summary>Signal formats this library decodes.</summary>
    public static IReadOnlyList<int> SupportedFormats { get; } = [16, 24, 32, 61, 80, 160, 212, 310, 311];

    /// <summary>WFDB's default gain when the header gives none or 0 (<c>DEFGAIN</c>).</summary>
    public const double DefaultGain = 200;

    /// <summary>Parses <paramref name="text"/>; <paramref name="fileName"/> only labels errors.</summary>
    public static WfdbResult<WfdbHeader> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var comments = new List<string>();
        var content = new List<(int Number, string Text)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed[0] == '#')
            {
                comments.Add(trimmed[1..].Trim());
                continue;
            }

            content.Add((i + 1, trimmed));
        }

        if (content.Count == 0)
        {
            return WfdbResult<WfdbHeader>.Fail(fileName, "line 1", "empty header, expected a record line");
        }

        var record = ParseRecordLine(content[0].Text, content[0].Number, fileName, out var error);
        if (error is not null)
        {
            return WfdbResult<WfdbHeader>.Fail(error);
        }

        var (name, signalCount, fs, sampleCount) = record;
        if (content.Count - 1 < signalCount)
        {
            return WfdbResult<WfdbHeader>.Fail(fileName, $"line {content[^1].Number + 1}", $"record line declares {signalCount} signals but only {content.Count - 1} signal lines follow");
        }

        var signals = new List<WfdbSignalSpec>(signalCount);
        for (var s = 0; s < signalCount; s++)
        {
            var (number, lineText) = content[s + 1];
            var spec = ParseSignalLine(lineText, number, fileName, out error);
            if (error is not null)
            {
                return WfdbResult<WfdbHeader>.Fail(error);
            }

            signals.Add(spec!);
        }

        return WfdbResult<WfdbHeader>.Ok(new WfdbHeader(name, fs, sampleCount, signals, comments));
    }

    private static (string Name, int SignalCount, double Fs, long SampleCount) ParseRecordLine(string line, int number, string file, out WfdbError? error)
    {
        error = null;
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var at = $"line {number}";
        if (fields[0].Contains('/', StringComparison.Ordinal))
        {
            error = new WfdbError(file, $"{at}: record name", $"'{fields[0]}' is a multi-segment record, which is not supported");
            return default;
        }

        if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var signalCount))
        {
            error = new WfdbError(file, $"{at}: number of signals", $"expected a non-negative integer after the record name in '{line}'");
            return default;
        }

        double fs = 250;
        if (fields.Length > 2)
        {
            // fs[/counterfreq[(basecounter)]]: only the sampling frequency matters here.
            var fsText = fields[2].Split('/')[0];
            if (!double.TryParse(fsText, NumberStyles.Float, CultureInfo.InvariantCulture, out fs) || !(fs > 0) || !double.IsFinite(fs))
            {
                error = new WfdbError(file, $"{at}: sampling frequency", $"'{fields[2]}' is not a positive number");
                return default;
            }
        }

        long sampleCount = 0;
        if (fields.Length > 3 && (!long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out sampleCount)))
        {
            error = new WfdbError(file, $"{at}: number of samples", $"'{fields[3]}' is not a non-negative integer");
            return default;
        }

        return (fields[0], signalCount, fs, sampleCount);
    }

    private static WfdbSignalSpec? ParseSignalLine(string line, int number, string file, out WfdbError? error)
    {
        error = null;
        var at = $"line {number}";
        var (fields, description) = SplitSignalLine(line);
        if (fields.Count < 2)
        {
            error = new WfdbError(file, $"{at}: format", $"signal line '{line}' has no format field");
            return null;
        }

        if (!TryParseFormat(fields[1], out var format, out var offset, out var why))
        {
            error = new WfdbError(file, $"{at}: format", why);
            return null;
        }

        var gain = DefaultGain;
        int? baseline = null;
        var units = "mV";
        if (fields.Count > 2 && !TryParseGain(fields[2], ref gain, ref baseline, ref units))
        {
            error = new WfdbError(file, $"{at}: gain", $"'{fields[2]}' is not gain[(baseline)][/units]");
            return null;
        }

        var ints = new int[4];
        string[] names = ["ADC resolution", "ADC zero", "initial value", "checksum"];
        for (var k = 0; k < 4; k++)
        {
            if (fields.Count > 3 + k && !int.TryParse(fields[3 + k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ints[k]))
            {
                error = new WfdbError(file, $"{at}: {names[k]}", $"'{fields[3 + k]}' is not an integer");
                return null;
            }
        }

        // fields[7] is the block size (irrelevant for files on disk).
        int? initial = fields.Count > 5 ? ints[2] : null;
        int? checksum = fields.Count > 6 ? ints[3] : null;
        return new WfdbSignalSpec(fields[0], format, gain, baseline ?? ints[1], units, ints[0], ints[1], initial, checksum, description, offset);
    }

    // The fields of a signal line up to the block size, and the description: the rest of the line, from the ninth
    // field on or from the first field after the gain that cannot begin a number. Writers that leave out the trailing
    // numbers still name the signal (`x.dat 212 200 11 1024 MLII`): wfdb-python reads the name so, where libwfdb's
    // atoi takes it for an initial value of 0 and loses it. A field that begins like a number and is not one stays a
    // field: up to the checksum it is reported as a bad number; the block size is not read.
    private static (List<string> Fields, string Description) SplitSignalLine(string line)
    {
        var fields = new List<string>(8);
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return (fields, string.Empty);
            }

            if (fields.Count == 8 || (fields.Count >= 3 && !BeginsNumber(line.AsSpan(i))))
            {
                return (fields, line[i..].TrimEnd());
            }

            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            fields.Add(line[start..i]);
        }
    }

    private static bool BeginsNumber(ReadOnlySpan<char> text) =>
        char.IsAsciiDigit(text[0]) || (text[0] is '-' or '+' && text.Length > 1 && char.IsAsciiDigit(text[1]));

    private static bool TryParseFormat(string text, out int format, out long offset, out string why)
    {
        format = 0;
        offset = 0;
        why = string.Empty;
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end == 0 || !int.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out format))
        {
            why = $"'{text}' is not a signal format number";
            return false;
        }

        // format[xsamples-per-frame][:skew][+byte-offset]: one sample per frame and no skew are what every
        // single-rate record writes when it spells them out; anything else would be decoded wrongly, so it is refused.
        var rest = text.AsSpan(end);
        var plus = rest.IndexOf('+');
        if (plus >= 0 && !long.TryParse(rest[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            why = $"'{text}': byte offset after '+' is not an integer";
            return false;
        }

        var modifiers = plus >= 0 ? rest[..plus] : rest;
        var colon = modifiers.IndexOf(':');
        var perFrame = colon >= 0 ? modifiers[..colon] : modifiers;
        if (perFrame.Length > 0 && !(perFrame[0] == 'x' && int.TryParse(perFrame[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var samplesPerFrame) && samplesPerFrame == 1))
        {
            why = $"'{text}': multi-frequency signals (samples per frame other than 1) are not supported";
            return false;
        }

        if (colon >= 0 && !(int.TryParse(modifiers[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var skew) && skew == 0))
        {
            why = $"'{text}': a skew other than 0 (after ':') is not supported";
            return false;
        }

        if (!SupportedFormats.Contains(format))
        {
            why = $"unknown or unsupported signal format {format} (supported: {string.Join(", ", SupportedFormats)})";
            return false;
        }

        return true;
    }

    private static bool TryParseGain(string text, ref double gain, ref int? baseline, ref string units)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            units = text[(slash + 1)..];
            text = text[..slash];
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = text.IndexOf(')', open);
            if (close < 0 || !int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            baseline = b;
            text = text[..open];
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var g) || !double.IsFinite(g))
        {
            return false;
        }

        gain = g == 0 ? DefaultGain : g;
        return true;
    }
}
