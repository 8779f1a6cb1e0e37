namespace Iomt.Clinical.Glucose;

/// <summary>
/// The baseline "urgent low soon" alert built on Nightscout AR2 (clinical-reference §7.4): the current and
/// 5-minutes-ago values come from Nightscout's 5-minute buckets (<c>bgnow</c>, step 1), the forecast from
/// <see cref="Ar2Forecast"/>, and the alert is raised once when the +20-minute forecast first drops below
/// 55 mg/dL; it re-arms when a forecast is back at or above 55 or when no forecast can be made (a gap).
/// This reproduces the reference figures in the CGM README (34/83 caught early, 169 false alerts).
/// </summary>
public sealed class Ar2UrgentLowSoonDetector : IUrgentLowSoonDetector
{
    /// <summary>The level the +20-minute forecast must fall below (Dexcom Urgent Low Soon, §7.3).</summary>
    public const double UrgentLowMgDl = 55;

    private const int Buckets = 4;
    private const double BucketMinutes = 5;
    private const double HalfBucketMinutes = 2.5;
    private const double ErrorCodeMaxMgDl = 39; // bgnow discards entries ≤ 39 (sensor error codes).
    private const double InterpolateAfterMinutes = 9;

    // Buckets reach back 17.5 minutes; keep a little more, and enough slots for 1-minute sampling.
    private static readonly long HistorySpanTicks = TimeSpan.FromMinutes(20).Ticks;

    private readonly ReadingHistory _history = new(64);
    private bool _armed = true;

    /// <summary>The current (recent bucket) value of the last processed reading, or NaN.</summary>
    public double Recent { get; private set; } = double.NaN;

    /// <summary>The 5-minutes-ago value (bucket mean or interpolated), or NaN when AR2 was not eligible.</summary>
    public double Mean5 { get; private set; } = double.NaN;

    /// <summary>The +20-minute AR2 forecast at the last processed reading, or NaN when AR2 was not eligible.</summary>
    public double Forecast20 { get; private set; } = double.NaN;

    /// <inheritdoc />
    public bool Process(GlucoseReading reading)
    {
        _history.Add(reading);
        _history.DropBefore(reading.Time.UtcTicks - HistorySpanTicks);
        Forecast20 = Mean5 = Recent = double.NaN;
        if (!TryCurrentValues(out var recent, out var mean5) || !(recent >= Ar2Forecast.MinMgDl))
        {
            _armed = true; // no forecast (a gap): the next forecast below 55 is a new alert
            return false;
        }

        Recent = recent;
        Mean5 = mean5;
        Forecast20 = Ar2Forecast.Predict20(mean5, recent);
        if (Forecast20 >= UrgentLowMgDl)
        {
            _armed = true;
            return false;
        }

        var alert = _armed;
        _armed = false;
        return alert;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _history.Clear();
        _armed = true;
        Forecast20 = Mean5 = Recent = double.NaN;
    }

    /// <summary>Nightscout <c>bgnow</c>: 4 buckets of 5 min around the latest reading (§7.4 step 1).</summary>
    private bool TryCurrentValues(out double recent, out double mean5)
    {
        Span<double> sums = stackalloc double[Buckets];
        Span<int> counts = stackalloc int[Buckets];
        Span<long> times = stackalloc long[Buckets];
        sums.Clear();
        counts.Clear();
        times.Clear();
        var latest = _history.TicksAt(0);
        for (var i = 0; i < _history.Count; i++)
        {
            var ticks = _history.TicksAt(i);
            var bucket = BucketOf((latest - ticks) / (double)TimeSpan.TicksPerMinute);
            if (bucket < 0)
            {
                break; // stop at the first reading that fits no bucket
            }

            var value = _history.ValueAt(i);
            if (value <= ErrorCodeMaxMgDl)
            {
                continue;
            }

            if (counts[bucket] == 0)
            {
                times[bucket] = ticks; // newest first: a bucket's time is its newest reading
            }

            sums[bucket] += value;
            counts[bucket]++;
        }

        recent = mean5 = double.NaN;
        var r = NextNonEmpty(counts, 0);
        var p = r < 0 ? -1 : NextNonEmpty(counts, r + 1);
        if (p < 0)
        {
            return false;
        }

        recent = sums[r] / counts[r];
        var previous = sums[p] / counts[p];
        var elapsed = (times[r] - times[p]) / (double)TimeSpan.TicksPerMinute;
        mean5 = elapsed > InterpolateAfterMinutes ? recent - ((recent - previous) / elapsed * BucketMinutes) : previous;
        return mean5 != 0 && double.IsFinite(mean5);
    }

    // Bucket i spans [T − 2.5 − 5i, T + 2.5 − 5i] minutes; age is minutes before T. First match wins.
    private static int BucketOf(double ageMinutes)
    {
        for (var i = 0; i < Buckets; i++)
        {
            var centre = i * BucketMinutes;
            if (ageMinutes >= centre - HalfBucketMinutes && ageMinutes <= centre + HalfBucketMinutes)
            {
                return i;
            }
        }

        return -1;
    }

    private static int NextNonEmpty(ReadOnlySpan<int> counts, int from)
    {
        for (var i = from; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                return i;
            }
        }

        return -1;
    }
}
