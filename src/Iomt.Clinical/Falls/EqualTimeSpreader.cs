namespace Iomt.Clinical.Falls;

/// <summary>
/// Gives samples that share a time stamp times of their own. A clock coarser than the sampling period stamps several
/// samples alike (50 Hz written in whole seconds: 50 rows per second with one time); the fall detector interpolates
/// its input onto a fixed grid by time, so alike stamps collapse into one point per clock step and a short impact is
/// lost. Each run of alike stamps is spread evenly over the step to the next stamp, as a clock rounded down places
/// them. When that step is longer than one and a half of the clock's steps (the least step between two stamps so far:
/// the samples stopped after the run, a gap, not a coarse clock), the run keeps the pace of the run before, so the gap
/// stays a gap; a rate that changes keeps the clock's step and is followed. A sample with a time of its own is passed
/// on as it is. Streaming: a run is released when the next stamp arrives (one clock step
/// of delay) or at <see cref="Flush"/>; at most <see cref="MaxRun"/> samples are held.
/// </summary>
public sealed class EqualTimeSpreader
{
    /// <summary>Most samples held under one stamp (100 s at 1000 Hz).</summary>
    public const int MaxRun = 100_000;

    private readonly List<(double T, double X, double Y, double Z)> _run = [];
    private double _pace = double.NaN;
    private double _clockStep = double.PositiveInfinity;

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

    private void Release(double next, Action<double, double, double, double> emit)
    {
        var count = _run.Count;
        var stamps = next - _run[0].T;
        var step = double.IsNaN(next) || (count > 1 && stamps > 1.5 * _clockStep && !double.IsNaN(_pace)) ? _pace : stamps / count;
        if (!double.IsNaN(next))
        {
            _clockStep = Math.Min(_clockStep, stamps);
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
