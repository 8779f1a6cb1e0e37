using System.Globalization;
using System.Text.RegularExpressions;

namespace Iomt.Cli.Analyze;

/// <summary>
/// Writes a time in the same text form as an input timestamp (space or <c>T</c> separator, <c>Z</c>,
/// an offset, or none), for alerts that have no input row of their own (stale).
/// </summary>
public sealed partial class TimestampEcho
{
    private readonly string _format;
    private readonly TimeSpan? _offset;
    private readonly bool _zulu;

    /// <summary>Learns the form from one input timestamp text and its parsed value.</summary>
    public TimestampEcho(string sample, DateTimeOffset parsed)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var date = sample.Length > 10 && sample[10] == 'T' ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss";
        var hasFraction = sample.Contains('.', StringComparison.Ordinal);
        _format = hasFraction ? date + ".fff" : date;
        _zulu = sample.EndsWith('Z') || sample.EndsWith('z');
        _offset = !_zulu && TrailingOffset().IsMatch(sample) ? parsed.Offset : null;
    }

    // An offset at the end of a timestamp with a time part, with or without seconds: 00:04-05:00, 000405+0100, 0304-05.
    [GeneratedRegex(@"[T ]\d{2}:?\d{2}(:?\d{2}([.,]\d+)?)?[+-]\d{2}(:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingOffset();

    /// <summary>True when the learned form is a local time: no <c>Z</c>, no offset.</summary>
    public bool IsLocal => !_zulu && _offset is null;

    /// <summary>The time as text in the learned form.</summary>
    public string Format(DateTimeOffset time)
    {
        if (_offset is { } offset)
        {
            return time.ToOffset(offset).ToString(_format + "zzz", CultureInfo.InvariantCulture);
        }

        var utc = time.UtcDateTime.ToString(_format, CultureInfo.InvariantCulture);
        return _zulu ? utc + "Z" : utc;
    }
}
