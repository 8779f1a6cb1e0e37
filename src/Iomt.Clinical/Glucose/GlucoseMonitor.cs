namespace Iomt.Clinical.Glucose;

/// <summary>
/// Everything a CGM stream raises, per patient, in real time: <c>stale</c> when readings stop, threshold
/// alerts, and <c>urgent_low_soon</c> from a forecaster. Readings must come in strictly increasing time.
/// </summary>
public sealed class GlucoseMonitor
{
    /// <summary>The most alerts one reading can raise (stale, a threshold alert, urgent low soon).</summary>
    public const int MaxAlertsPerReading = 3;

    private readonly GlucoseAlertOptions _options;
    private readonly GlucoseThresholdAlerter _thresholds;
    private readonly IUrgentLowSoonDetector _forecaster;
    private DateTimeOffset? _last;
    private bool _staleRaised;

    /// <summary>Creates a monitor; without a forecaster it uses <see cref="UrgentLowSoonForecaster"/> with defaults.</summary>
    public GlucoseMonitor(GlucoseAlertOptions? options = null, IUrgentLowSoonDetector? forecaster = null)
    {
        _options = options ?? new GlucoseAlertOptions();
        _thresholds = new GlucoseThresholdAlerter(_options);
        _forecaster = forecaster ?? new UrgentLowSoonForecaster();
    }

    /// <summary>
    /// Consumes a reading and writes the alerts it raises into <paramref name="alerts"/> (room for
    /// <see cref="MaxAlertsPerReading"/>); returns how many. A stale alert for the gap before it comes first.
    /// </summary>
    public int Process(GlucoseReading reading, Span<GlucoseAlert> alerts)
    {
        var count = 0;
        if (CheckStale(reading.Time, out var stale))
        {
            alerts[count++] = stale;
        }

        if (_staleRaised)
        {
            // Resumed after signal loss: announce an ongoing condition again. The forecaster keeps its own
            // gap rule (UrgentLowSoonOptions.MaxGap), so what `iomt eval` scores is exactly what is raised here.
            _thresholds.Reset();
            _staleRaised = false;
        }

        _last = reading.Time;
        if (_thresholds.Process(reading.MgDl) is { } kind)
        {
            alerts[count++] = new GlucoseAlert(reading.Time, kind);
        }

        if (_forecaster.Process(reading))
        {
            alerts[count++] = new GlucoseAlert(reading.Time, GlucoseAlertKind.UrgentLowSoon);
        }

        return count;
    }

    /// <summary>
    /// True once per gap when no reading has arrived for more than <see cref="GlucoseAlertOptions.StaleAfter"/> by
    /// <paramref name="now"/>; the alert is stamped at the moment the data became stale. A server calls this on a timer.
    /// </summary>
    public bool CheckStale(DateTimeOffset now, out GlucoseAlert alert)
    {
        alert = default;
        if (_last is not { } last || _staleRaised || now - last <= _options.StaleAfter)
        {
            return false;
        }

        _staleRaised = true;
        alert = new GlucoseAlert(last + _options.StaleAfter, GlucoseAlertKind.Stale);
        return true;
    }
}
