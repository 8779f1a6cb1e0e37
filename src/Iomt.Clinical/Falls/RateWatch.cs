namespace Iomt.Clinical.Falls;

/// <summary>
/// Follows the sampling rate of a motion stream, so the filters designed for one rate are designed again when the
/// device changes it (a phone that slows its accelerometer with the screen off, a gateway that switches a sensor from
/// 200 to 25 Hz). The rate is estimated again over windows of at least <see cref="WindowS"/> and
/// <see cref="WindowIntervals"/> intervals (<see cref="SampleRate.FromIntervals"/>: the mean interval, gaps left out),
/// each ending at a sample whose time differs from the one before, so a window spans whole steps of the clock: samples
/// stamped in batches, or with times rounded coarser than the period, count exactly. Lost samples lower the estimate to
/// the rate that arrives, which the start-up estimate gives too. An estimate off the current rate by more than a factor
/// of 1 + <see cref="Tolerance"/> either way, within the supported range, becomes the current rate; the window after a
/// change is taken when off by more than 1 + <see cref="ConfirmTolerance"/> (a window that straddled the change mixes
/// both rates).
/// </summary>
internal sealed class RateWatch(double rateHz)
{
    /// <summary>Least span of a window (s).</summary>
    public const double WindowS = 1;

    /// <summary>Least number of sampling intervals in a window.</summary>
    public const int WindowIntervals = 32;

    /// <summary>Relative difference from the current rate, either way, that counts as a new rate.</summary>
    public const double Tolerance = 0.25;

    /// <summary>Relative difference that counts in the window right after a change.</summary>
    public const double ConfirmTolerance = 0.1;

    // At most this many intervals per window (a window at 1000 Hz holds about 1000; a longer run of equal times ends it).
    private const int Capacity = 2048;

    private readonly double[] _intervals = new double[Capacity];
    private readonly double[] _scratch = new double[Capacity];
    private int _count;
    private double _span;
    private bool _confirming;

    /// <summary>The rate the stream is taken to have now (Hz).</summary>
    public double RateHz { get; private set; } = rateHz;

    /// <summary>Takes the interval before the next sample; true when the rate changed with it.</summary>
    public bool Add(double intervalS)
    {
        _intervals[_count++] = intervalS;
        _span += intervalS;
        if (_count < Capacity && (_count < WindowIntervals || _span < WindowS || !(intervalS > 0)))
        {
            return false;
        }

        var rate = SampleRate.FromIntervals(_intervals.AsSpan(0, _count), _scratch);
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

    /// <summary>Starts a new window (after a gap: the intervals on either side are not one run).</summary>
    public void Restart()
    {
        _count = 0;
        _span = 0;
    }
}
