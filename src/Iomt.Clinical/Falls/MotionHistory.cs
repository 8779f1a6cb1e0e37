namespace Iomt.Clinical.Falls;

/// <summary>
/// Fixed-capacity ring of the filtered acceleration on the detector's uniform grid, indexed by the
/// absolute grid index; the detector's only memory of the past, so its state stays bounded.
/// </summary>
internal sealed class MotionHistory
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly double[] _magnitude;

    public MotionHistory(int capacity)
    {
        _x = new double[capacity];
        _y = new double[capacity];
        _z = new double[capacity];
        _magnitude = new double[capacity];
    }

    public int Capacity => _x.Length;

    /// <summary>Absolute index the next sample will get.</summary>
    public long Count { get; private set; }

    /// <summary>Oldest absolute index still held.</summary>
    public long Oldest => Math.Max(0, Count - Capacity);

    public void Clear() => Count = 0;

    public void Add(double x, double y, double z)
    {
        var slot = (int)(Count % Capacity);
        _x[slot] = x;
        _y[slot] = y;
        _z[slot] = z;
        _magnitude[slot] = Math.Sqrt((x * x) + (y * y) + (z * z));
        Count++;
    }

    public double Magnitude(long index) => _magnitude[Slot(index)];

    public double X(long index) => _x[Slot(index)];

    public double Y(long index) => _y[Slot(index)];

    public double Z(long index) => _z[Slot(index)];

    /// <summary>Clamps a half-open range [from, to) to what the ring still holds.</summary>
    public (long From, long To) Clamp(long from, long to) => (Math.Max(from, Oldest), Math.Min(to, Count));

    private int Slot(long index) => (int)(index % Capacity);
}
