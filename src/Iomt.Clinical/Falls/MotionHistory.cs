namespace Iomt.Clinical.Falls;

/// <summary>
/// Fixed-capacity ring of the filtered acceleration on the detector's uniform grid, indexed by the
/// absolute grid index; the detector's only memory of the past, so its state stays bounded. It also keeps the
/// run's first raw samples, summed per grid step (<see cref="AddRawAtStart"/>): the posture at the start of a run,
/// before the low-pass has settled.
/// </summary>
internal sealed class MotionHistory
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly double[] _magnitude;
    private readonly double[] _startX;
    private readonly double[] _startY;
    private readonly double[] _startZ;
    private readonly int[] _startCount;

    /// <summary>A ring of <paramref name="capacity"/> grid samples that also keeps the raw samples of the run's first <paramref name="startSteps"/> grid steps.</summary>
    public MotionHistory(int capacity, int startSteps)
    {
        _x = new double[capacity];
        _y = new double[capacity];
        _z = new double[capacity];
        _magnitude = new double[capacity];
        _startX = new double[startSteps];
        _startY = new double[startSteps];
        _startZ = new double[startSteps];
        _startCount = new int[startSteps];
    }

    public int Capacity => _x.Length;

    /// <summary>Absolute index the next sample will get.</summary>
    public long Count { get; private set; }

    /// <summary>Oldest absolute index still held.</summary>
    public long Oldest => Math.Max(0, Count - Capacity);

    public void Clear()
    {
        Count = 0;
        Array.Clear(_startX);
        Array.Clear(_startY);
        Array.Clear(_startZ);
        Array.Clear(_startCount);
    }

    public void Add(double x, double y, double z)
    {
        var slot = (int)(Count % Capacity);
        _x[slot] = x;
        _y[slot] = y;
        _z[slot] = z;
        _magnitude[slot] = Math.Sqrt((x * x) + (y * y) + (z * z));
        Count++;
    }

    /// <summary>
    /// Adds a raw sample taken in grid step <paramref name="step"/> of the run (its time after the run's first sample,
    /// in grid steps, rounded down); samples after the first steps kept are ignored.
    /// </summary>
    public void AddRawAtStart(long step, double x, double y, double z)
    {
        if ((ulong)step < (ulong)_startCount.Length)
        {
            _startX[step] += x;
            _startY[step] += y;
            _startZ[step] += z;
            _startCount[step]++;
        }
    }

    /// <summary>
    /// The mean raw sample over the run's first <paramref name="steps"/> grid steps; false when they hold fewer than
    /// three samples, or none in their second half (one sample and then a hole is no posture).
    /// </summary>
    public bool TryRawStartMean(long steps, out (double X, double Y, double Z) mean)
    {
        double x = 0, y = 0, z = 0;
        var n = 0;
        var last = -1;
        for (var k = 0; k < Math.Min(steps, _startCount.Length); k++)
        {
            x += _startX[k];
            y += _startY[k];
            z += _startZ[k];
            n += _startCount[k];
            last = _startCount[k] > 0 ? k : last;
        }

        var covered = n >= 3 && 2 * (last + 1) > steps;
        mean = covered ? (x / n, y / n, z / n) : default;
        return covered;
    }

    public double Magnitude(long index) => _magnitude[Slot(index)];

    public double X(long index) => _x[Slot(index)];

    public double Y(long index) => _y[Slot(index)];

    public double Z(long index) => _z[Slot(index)];

    /// <summary>Clamps a half-open range [from, to) to what the ring still holds.</summary>
    public (long From, long To) Clamp(long from, long to) => (Math.Max(from, Oldest), Math.Min(to, Count));

    private int Slot(long index) => (int)(index % Capacity);
}
