namespace Iomt.Server.Waveforms;

/// <summary>
/// The RR intervals of an ECG lead grouped by fixed windows aligned to the clock (multiples of the window length
/// since the Unix epoch), so that a window's summary has the same time, and identity, whichever run of the lead
/// computed it: after a restart the warmed-up stream completes the same window. Only windows the stream followed
/// from their start are complete: the window a stream starts in is never reported.
/// </summary>
internal sealed class BeatWindow(TimeSpan length)
{
    private readonly long _lengthMs = (long)length.TotalMilliseconds;
    private readonly List<double> _intervals = [];
    private long _index = long.MinValue;
    private bool _followedFromStart;

    /// <summary>
    /// Adds the interval ending at <paramref name="time"/> (whole milliseconds); when it falls in a later window
    /// than the one being filled and that one is complete, returns true with the finished window's end and intervals
    /// (valid until the next call).
    /// </summary>
    public bool Add(DateTimeOffset time, double rrSeconds, out DateTimeOffset windowEnd, out IReadOnlyList<double> intervals)
    {
        var index = Math.DivRem(time.ToUnixTimeMilliseconds(), _lengthMs, out var remainder) - (remainder < 0 ? 1 : 0);
        var finished = false;
        windowEnd = default;
        intervals = [];
        if (index != _index)
        {
            if (_followedFromStart && _intervals.Count > 0)
            {
                finished = true;
                windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((_index + 1) * _lengthMs);
                intervals = [.. _intervals];
            }

            // The first interval a stream sees opens a window it joined late; every later window was followed from its start.
            _followedFromStart = _index != long.MinValue;
            _index = index;
            _intervals.Clear();
        }

        _intervals.Add(rrSeconds);
        return finished;
    }
}
