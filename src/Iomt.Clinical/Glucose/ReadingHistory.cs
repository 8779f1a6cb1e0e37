namespace Iomt.Clinical.Glucose;

/// <summary>
/// A fixed-capacity ring of recent readings, newest first by index. Detectors keep only the last few
/// tens of minutes, so state stays bounded whatever the sampling rate (oldest readings fall off).
/// </summary>
internal sealed class ReadingHistory
{
    private readonly long[] _ticks;
    private readonly double[] _values;
    private int _newest = -1;

    public ReadingHistory(int capacity)
    {
        _ticks = new long[capacity];
        _values = new double[capacity];
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    public void Add(GlucoseReading reading)
    {
        _newest = (_newest + 1) % _ticks.Length;
        _ticks[_newest] = reading.Time.UtcTicks;
        _values[_newest] = reading.MgDl;
        Count = Math.Min(Count + 1, _ticks.Length);
    }

    /// <summary>UTC ticks of the i-th newest reading (0 = newest).</summary>
    public long TicksAt(int i) => _ticks[Slot(i)];

    /// <summary>Value of the i-th newest reading (0 = newest).</summary>
    public double ValueAt(int i) => _values[Slot(i)];

    /// <summary>Drops readings taken before <paramref name="oldestTicks"/>.</summary>
    public void DropBefore(long oldestTicks)
    {
        while (Count > 0 && TicksAt(Count - 1) < oldestTicks)
        {
            Count--;
        }
    }

    private int Slot(int i)
    {
        var slot = _newest - i;
        return slot < 0 ? slot + _ticks.Length : slot;
    }
}
