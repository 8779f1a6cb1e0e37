namespace Iomt.Clinical.Falls;

/// <summary>
/// Follows the sampling rate of a motion stream, so the filters designed for one rate are designed again when the
/// device changes it (a phone that slows its accelerometer with the screen off, a gateway that switches a sensor from
/// 200 to 25 Hz). Two estimates, each taken only within the supported range and when off the current rate by more than
/// <see cref="Tolerance"/>:
/// <list type="bullet">
/// <item>every <see cref="BlockIntervals"/> sampling intervals, their rate (<see cref="SampleRate.FromIntervals"/>: a
/// lone gap left out). Timing jitter and timestamps rounded coarser than the period average out over a block, and
/// samples stamped in batches of up to eight stay within the tolerance;</item>
/// <item>sooner, <see cref="QuickIntervals"/> intervals in a row all off the current period on the same side by more
/// than the tolerance: their mean. Jitter, rounding and batches alternate short and long intervals.</item>
/// </list>
/// After a change a new block starts, and its estimate is taken when off by more than <see cref="ConfirmTolerance"/>:
/// the quick estimate, or a block that straddled the change, may be a little off.
/// </summary>
internal sealed class RateWatch(double rateHz)
{
    /// <summary>Sampling intervals per block estimate.</summary>
    public const int BlockIntervals = 32;

    /// <summary>Intervals in a row off the period on one side that show a new rate before a block completes.</summary>
    public const int QuickIntervals = 8;

    /// <summary>Relative difference from the current rate that counts as a new rate.</summary>
    public const double Tolerance = 0.25;

    /// <summary>Relative difference that counts in the block right after a change.</summary>
    public const double ConfirmTolerance = 0.05;

    private readonly double[] _intervals = new double[BlockIntervals];
    private readonly double[] _scratch = new double[BlockIntervals];
    private int _count;
    private bool _confirming;
    private int _run;
    private double _runSum;

    /// <summary>The rate the stream is taken to have now (Hz).</summary>
    public double RateHz { get; private set; } = rateHz;

    /// <summary>Takes the interval before the next sample; true when the rate changed with it.</summary>
    public bool Add(double intervalS)
    {
        // The run of intervals off the period on one side: + longer, - shorter.
        var side = Side(intervalS * RateHz);
        _run = side != 0 && Math.Sign(_run) == side ? _run + side : side;
        _runSum = Math.Abs(_run) == 1 ? intervalS : _runSum + intervalS;
        if (Math.Abs(_run) == QuickIntervals && Change(QuickIntervals / _runSum, Tolerance))
        {
            return true;
        }

        _intervals[_count++] = intervalS;
        if (_count < BlockIntervals)
        {
            return false;
        }

        _count = 0;
        var confirming = _confirming;
        _confirming = false;
        return Change(SampleRate.FromIntervals(_intervals, _scratch), confirming ? ConfirmTolerance : Tolerance);
    }

    /// <summary>Starts a new block (after a gap: the intervals on either side are not one run).</summary>
    public void Restart()
    {
        _count = 0;
        _run = 0;
    }

    private static int Side(double periods) => periods > 1 + Tolerance ? 1 : periods < 1 / (1 + Tolerance) ? -1 : 0;

    private bool Change(double rate, double tolerance)
    {
        if (!FallDetector.SupportsRate(rate) || Math.Abs((rate / RateHz) - 1) <= tolerance)
        {
            return false;
        }

        RateHz = rate;
        Restart();
        _confirming = true;
        return true;
    }
}
