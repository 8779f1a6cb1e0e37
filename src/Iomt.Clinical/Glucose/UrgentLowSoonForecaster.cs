namespace Iomt.Clinical.Glucose;

/// <summary>
/// OpenIoMT's "urgent low soon" detector: a least-squares local trend (level and rate of change) over the
/// last few minutes of readings on their real timestamps, so irregular 1–15-minute sampling needs no
/// resampling, extrapolated linearly to a horizon. It alerts once per descent (hysteresis on the forecast),
/// never while glucose is already below 55 mg/dL, and restarts its history after a gap.
/// Unlike AR2 (§7.4) it does not pull forecasts back towards 140 mg/dL, which makes AR2 late on slow falls.
/// </summary>
public sealed class UrgentLowSoonForecaster : IUrgentLowSoonDetector
{
    /// <summary>Below this the patient is already in an urgent low (Dexcom Urgent Low, §7.3): no "soon" alert.</summary>
    public const double UrgentLowMgDl = 55;

    private const int MinimumPoints = 3;

    private readonly UrgentLowSoonOptions _options;
    private readonly ReadingHistory _history = new(64);
    private readonly long _windowTicks;
    private readonly long _keepTicks;
    private readonly long _maxGapTicks;
    private readonly long _curvatureTicks;
    private bool _armed = true;
    private int _pending;

    /// <summary>Creates the detector.</summary>
    public UrgentLowSoonForecaster(UrgentLowSoonOptions? options = null)
    {
        _options = options ?? new UrgentLowSoonOptions();
        _windowTicks = TimeSpan.FromMinutes(_options.TrendWindowMinutes).Ticks;
        _curvatureTicks = TimeSpan.FromMinutes(_options.CurvatureWindowMinutes).Ticks;
        _keepTicks = Math.Max(Math.Max(_windowTicks * 3, _curvatureTicks), TimeSpan.FromMinutes(45).Ticks);
        _maxGapTicks = _options.MaxGap.Ticks;
    }

    /// <summary>Fitted glucose now (mg/dL) at the last reading, or NaN without a trend.</summary>
    public double Level { get; private set; } = double.NaN;

    /// <summary>Fitted rate of change (mg/dL per minute) at the last reading, or NaN.</summary>
    public double Slope { get; private set; } = double.NaN;

    /// <summary>Forecast at the horizon (mg/dL) at the last reading, or NaN.</summary>
    public double Forecast { get; private set; } = double.NaN;

    /// <inheritdoc />
    public bool Process(GlucoseReading reading)
    {
        var now = reading.Time.UtcTicks;
        if (_history.Count > 0 && now - _history.TicksAt(0) > _maxGapTicks)
        {
            Reset();
        }

        _history.Add(reading);
        _history.DropBefore(now - _keepTicks);
        Level = Slope = Forecast = double.NaN;
        if (!TryFitTrend(now, out var level, out var slope))
        {
            return false;
        }

        Level = level;
        Slope = slope;
        // The horizon is the same at any sampling interval. Stretching it by the interval beyond 5 minutes (the next
        // chance to warn is the next reading) caught more falls on 10- and 15-minute data but raised 2–2.4 times AR2's
        // false alerts there (docs/validation/glucose.md, "Sparser sensors").
        var horizon = _options.HorizonMinutes;
        Forecast = level + (slope * horizon);
        if (_options.CurvatureWeight != 0 && TryFitAcceleration(now, out var acceleration))
        {
            Forecast += _options.CurvatureWeight * 0.5 * acceleration * horizon * horizon;
        }

        if (reading.MgDl < UrgentLowMgDl)
        {
            _armed = false; // already urgent low: the threshold alert speaks; re-arm after recovery
            _pending = 0;
            return false;
        }

        if (Forecast >= _options.AlertBelowMgDl + _options.RearmMarginMgDl)
        {
            _armed = true;
        }

        if (!_armed || Forecast >= _options.AlertBelowMgDl || slope >= 0)
        {
            _pending = 0;
            return false;
        }

        if (++_pending < _options.ConfirmReadings)
        {
            return false;
        }

        _armed = false;
        _pending = 0;
        return true;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _history.Clear();
        _armed = true;
        _pending = 0;
        Level = Slope = Forecast = double.NaN;
    }

    /// <summary>Ordinary least squares of value on age (minutes) over the window, at least the newest 3 readings.</summary>
    private bool TryFitTrend(long now, out double level, out double slope)
    {
        level = slope = double.NaN;
        double n = 0, st = 0, sv = 0, stt = 0, stv = 0;
        for (var i = 0; i < _history.Count; i++)
        {
            var ageTicks = now - _history.TicksAt(i);
            if (ageTicks > _windowTicks && i >= MinimumPoints)
            {
                break;
            }

            var t = -ageTicks / (double)TimeSpan.TicksPerMinute;
            var v = _history.ValueAt(i);
            n++;
            st += t;
            sv += v;
            stt += t * t;
            stv += t * v;
        }

        var denominator = (n * stt) - (st * st);
        if (n < 2 || denominator <= 1e-9)
        {
            return false;
        }

        slope = ((n * stv) - (st * sv)) / denominator;
        level = (sv - (slope * st)) / n;
        return true;
    }

    /// <summary>Second derivative (mg/dL/min²) of a least-squares quadratic over the curvature window.</summary>
    private bool TryFitAcceleration(long now, out double acceleration)
    {
        acceleration = 0;
        Span<double> m = stackalloc double[5]; // Σt⁰ … Σt⁴
        Span<double> r = stackalloc double[3]; // Σv, Σtv, Σt²v
        m.Clear();
        r.Clear();
        var oldest = 0.0;
        for (var i = 0; i < _history.Count; i++)
        {
            var ageTicks = now - _history.TicksAt(i);
            if (ageTicks > _curvatureTicks)
            {
                break;
            }

            var t = -ageTicks / (double)TimeSpan.TicksPerMinute;
            var v = _history.ValueAt(i);
            var power = 1.0;
            for (var k = 0; k < 5; k++)
            {
                m[k] += power;
                if (k < 3)
                {
                    r[k] += power * v;
                }

                power *= t;
            }

            oldest = t;
        }

        if (m[0] < 4 || oldest > -15)
        {
            return false;
        }

        // Cramer's rule on the 3×3 normal equations [m0 m1 m2; m1 m2 m3; m2 m3 m4]·(c0, c1, c2) = r.
        var det = Det(m[0], m[1], m[2], m[1], m[2], m[3], m[2], m[3], m[4]);
        if (Math.Abs(det) < 1e-9)
        {
            return false;
        }

        var c2 = Det(m[0], m[1], r[0], m[1], m[2], r[1], m[2], m[3], r[2]) / det;
        acceleration = 2 * c2;
        return true;
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
