using System.Globalization;

namespace Iomt.Clinical.Falls.SisFall;

/// <summary>
/// Reads one SisFall trial: either the converted CSV (<c>time_s,ax_g,ay_g,az_g,gx_dps,...</c>, already in
/// g) or the original text file (nine integer ADC columns per line ending in <c>;</c>, 200 Hz).
/// Returns an error naming the file and line instead of throwing on malformed content.
/// </summary>
public static class SisFallFileReader
{
    /// <summary>SisFall sampling rate (Sucerquia 2017; dataset Readme.txt).</summary>
    public const double SampleRateHz = 200;

    /// <summary>ADXL345 counts to g: ±16 g over 13 bits, (2·16)/2^13 (dataset Readme.txt).</summary>
    public const double Adxl345GPerCount = 32.0 / 8192.0;

    /// <summary>Reads <paramref name="path"/> (.csv converted or .txt raw).</summary>
    public static MotionReadResult Read(string path)
    {
        var text = File.ReadAllText(path);
        return path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? ParseRaw(path, text) : ParseCsv(path, text);
    }

    /// <summary>Parses the converted CSV form.</summary>
    public static MotionReadResult ParseCsv(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new LineCursor(text);
        if (!lines.Next(out var header) || !header.StartsWith("time_s,ax_g,ay_g,az_g", StringComparison.Ordinal))
        {
            return MotionReadResult.Fail($"{path}:1: expected header starting 'time_s,ax_g,ay_g,az_g'");
        }

        var builder = new SamplesBuilder(text.Length / 40);
        Span<double> values = stackalloc double[4];
        while (lines.Next(out var line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (!ParseFields(line, values, out var bad))
            {
                return MotionReadResult.Fail($"{path}:{lines.LineNumber}: field {bad + 1} is not a finite number");
            }

            builder.Add(values[0], values[1], values[2], values[3]);
        }

        return MotionReadResult.Ok(builder.Build());
    }

    /// <summary>Parses the original SisFall text form, converting ADC counts to g at 200 Hz.</summary>
    public static MotionReadResult ParseRaw(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new LineCursor(text);
        var builder = new SamplesBuilder(text.Length / 40);
        Span<double> values = stackalloc double[3];
        while (lines.Next(out var line))
        {
            line = line.Trim().TrimEnd(';');
            if (line.IsEmpty)
            {
                continue;
            }

            if (!ParseFields(line, values, out var bad))
            {
                return MotionReadResult.Fail($"{path}:{lines.LineNumber}: column {bad + 1} is not an integer ADC count");
            }

            builder.Add(builder.Count / SampleRateHz, values[0] * Adxl345GPerCount, values[1] * Adxl345GPerCount, values[2] * Adxl345GPerCount);
        }

        return MotionReadResult.Ok(builder.Build());
    }

    private static bool ParseFields(ReadOnlySpan<char> line, Span<double> values, out int bad)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var comma = line.IndexOf(',');
            var field = comma < 0 ? line : line[..comma];
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                bad = i;
                return false;
            }

            line = comma < 0 ? [] : line[(comma + 1)..];
        }

        bad = -1;
        return true;
    }

    private ref struct LineCursor(string text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _position;

        public int LineNumber { get; private set; }

        public bool Next(out ReadOnlySpan<char> line)
        {
            if (_position >= _text.Length)
            {
                line = default;
                return false;
            }

            var rest = _text[_position..];
            var end = rest.IndexOf('\n');
            line = end < 0 ? rest : rest[..end];
            _position += end < 0 ? rest.Length : end + 1;
            line = line.TrimEnd('\r');
            LineNumber++;
            return true;
        }
    }

    private sealed class SamplesBuilder(int capacity)
    {
        private readonly List<double> _t = new(capacity);
        private readonly List<double> _x = new(capacity);
        private readonly List<double> _y = new(capacity);
        private readonly List<double> _z = new(capacity);

        public int Count => _t.Count;

        public void Add(double t, double x, double y, double z)
        {
            _t.Add(t);
            _x.Add(x);
            _y.Add(y);
            _z.Add(z);
        }

        public MotionRecording Build() => new([.. _t], [.. _x], [.. _y], [.. _z]);
    }
}
