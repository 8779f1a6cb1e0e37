namespace Iomt.Clinical.Falls;

/// <summary>
/// Gives samples that share a time stamp times of their own. A clock coarser than the sampling period stamps several
/// samples alike (50 Hz written in whole seconds: 50 rows per second with one time); the fall detector interpolates
/// its input onto a fixed grid by time, so alike stamps collapse into one point per clock step and a short impact is
/// lost. Each run of alike stamps is spread evenly over the step to the next stamp, as a clock rounded down places
/// them. When the run cannot fill that step at the pace of the run before and the step is longer than one and a half of
/// the clock's step (the median of the last <see cref="ClockSteps"/> steps between stamps: one stray stamp does not set
/// it), the samples stopped after the run, a gap, not a coarse clock: the run keeps the pace of the run before, so the
/// gap stays a gap; a rate that changes keeps the clock's step and is followed. Times never decrease: a run is never
/// spread past the next stamp. A sample with a time of its own is passed on as it is. Streaming: a run is released when
/// the next stamp arrives (one clock step of delay) or at <see cref="Flush"/>; at most <see cref="MaxRun"/> samples are
/// held.
/// </summary>
public sealed class EqualTimeSpreader
{
    /// <summary>Most samples held under one stamp (100 s at 1000 Hz).</summary>
    public const int MaxRun = 100_000;

    /// <summary>How many of the latest steps between stamps the clock's step is the median of.</summary>
    public const int ClockSteps = 8;

    private readonly List<(double T, double X, double Y, double Z)> _run = [];
    private readonly double[] _steps = new double[ClockSteps];
    private int _nextStep, _stepsHeld;
    private double _pace = double.NaN;

    /// <summary>
    /// Adds a sample (times must not decrease) and passes the samples it releases to <paramref name="emit"/>, in order.
    /// False, and the sample not taken, when <see cref="MaxRun"/> samples already share its stamp.
    /// </summary>
    public bool Add(double timeS, double ax, double ay, double az, Action<double, double, double, double> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (_run.Count > 0 && timeS > _run[0].T)
        {
            Release(timeS, emit);
        }
        else if (_run.Count >= MaxRun)
        {
            return false;
        }

        _run.Add((timeS, ax, ay, az));
        return true;
    }

    /// <summary>Releases the last run, at the pace of the run before it (the end of the input).</summary>
    public void Flush(Action<double, double, double, double> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        Release(double.NaN, emit);
    }

    // The median of the latest steps between stamps; infinite before any.
    private double ClockStep()
    {
        var n = _stepsHeld;
        if (n == 0)
        {
            return double.PositiveInfinity;
        }

        Span<double> latest = stackalloc double[ClockSteps];
        _steps.AsSpan(0, n).CopyTo(latest);
        latest = latest[..n];
        latest.Sort();
        return latest[n / 2];
    }

    private void Release(double next, Action<double, double, double, double> emit)
    {
        var count = _run.Count;
        var stamps = next - _run[0].T;
        var even = stamps / count;
        var step = double.IsNaN(next) ? _pace
            : count > 1 && even > _pace && stamps > 1.5 * ClockStep() ? _pace
            : even;
        if (!double.IsNaN(next))
        {
            _steps[_nextStep] = stamps;
            _nextStep = (_nextStep + 1) % ClockSteps;
            _stepsHeld = Math.Min(_stepsHeld + 1, ClockSteps);
        }

        step = double.IsNaN(step) ? 0 : step;
        for (var j = 0; j < count; j++)
        {
            var (t, x, y, z) = _run[j];
            emit(t + (j * step), x, y, z);
        }

        if (count > 1)
        {
            _pace = step;
        }

        _run.Clear();
    }
}
