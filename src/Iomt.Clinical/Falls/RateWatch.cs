using System.Runtime.CompilerServices;

namespace Iomt.Clinical.Falls;

/// <summary>
/// Follows the sampling rate of a motion stream, so the filters designed for one rate are designed again when the
/// device changes it (a phone that slows its accelerometer with the screen off, a gateway that switches a sensor from
/// 200 to 25 Hz). The rate is estimated again over windows of at least <see cref="WindowS"/> and
/// <see cref="WindowIntervals"/> intervals, each ending at a sample whose time differs from the one before, so a window
/// spans whole steps of the clock: samples stamped in batches, or with times rounded coarser than the period, count
/// exactly. The estimate is the mean interval, gaps left out as in <see cref="SampleRate.FromIntervals"/> (here with the
/// median positive interval of the window before, and of the first 31 positive intervals of each window, so nothing is
/// stored per sample). Lost samples lower the estimate to the rate that arrives, which the start-up estimate gives too.
/// An estimate off the current rate by more than a factor of 1 + <see cref="Tolerance"/> either way, within the
/// supported range, becomes the current rate; the window after a change is taken when off by more than
/// 1 + <see cref="ConfirmTolerance"/> (a window that straddled the change mixes both rates).
/// </summary>
internal sealed class RateWatch
{
    /// <summary>Least span of a window (s).</summary>
    public const double WindowS = 1;

    /// <summary>Least number of sampling intervals in a window.</summary>
    public const int WindowIntervals = 32;

    /// <summary>Relative difference from the current rate, either way, that counts as a new rate.</summary>
    public const double Tolerance = 0.25;

    /// <summary>Relative difference that counts in the window right after a change.</summary>
    public const double ConfirmTolerance = 0.1;

    // A window also ends after this many intervals (a long run of equal times).
    private const int MaxIntervals = 4096;

    private readonly double[] _positive = new double[SampleRate.MedianSample];
    private int _taken;
    private int _count;
    private int _stalled;
    private int _intervals;
    private double _span;
    private double _gap;
    private bool _confirming;

    /// <summary>Watches a stream that starts at <paramref name="rateHz"/>.</summary>
    public RateWatch(double rateHz)
    {
        RateHz = rateHz;
        _gap = SampleRate.GapLevel(1 / rateHz);
    }

    /// <summary>The rate the stream is taken to have now (Hz).</summary>
    public double RateHz { get; private set; }

    /// <summary>Takes the interval before the next sample; true when the rate changed with it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(double intervalS)
    {
        _intervals++;
        if (intervalS <= _gap)
        {
            _span += intervalS;
            _count++;
            _stalled = intervalS > 0 ? 0 : _stalled + 1;
        }
        else
        {
            // A clock that stood still and then jumped: the samples stamped while it stood belong to the gap.
            _count -= _stalled;
            _stalled = 0;
        }

        if (intervalS > 0 && _taken < _positive.Length)
        {
            _positive[_taken++] = intervalS;
        }

        return (_intervals >= MaxIntervals || (_count >= WindowIntervals && _span >= WindowS && intervalS > 0)) && EndWindow();
    }

    /// <summary>Starts a new window (after a gap: the intervals on either side are not one run).</summary>
    public void Restart()
    {
        _taken = 0;
        _count = 0;
        _stalled = 0;
        _intervals = 0;
        _span = 0;
    }

    // Once per window (about a second): the estimate, the gap level for the next window, and whether it is a new rate.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool EndWindow()
    {
        var rate = _span > 0 ? _count / _span : double.NaN;
        if (_taken > 0)
        {
            var positive = _positive.AsSpan(0, _taken);
            positive.Sort();
            _gap = SampleRate.GapLevel(positive[_taken / 2]);
        }

        var tolerance = _confirming ? ConfirmTolerance : Tolerance;
        Restart();
        var ratio = rate / RateHz;
        if (!FallDetector.SupportsRate(rate) || (ratio <= 1 + tolerance && ratio >= 1 / (1 + tolerance)))
        {
            _confirming = false;
            return false;
        }

        // The window after a change confirms it; a change made while confirming is not confirmed again.
        _confirming = !_confirming;
        RateHz = rate;
        return true;
    }
}
