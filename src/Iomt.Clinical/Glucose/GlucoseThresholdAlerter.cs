namespace Iomt.Clinical.Glucose;

/// <summary>
/// Threshold alerts with hysteresis (clinical-reference §7.1): one alert when an episode starts, one more
/// only if it escalates (low → urgent low, high → urgent high); the episode ends when glucose is back
/// inside the threshold by <see cref="GlucoseAlertOptions.ClearMarginMgDl"/>.
/// </summary>
public sealed class GlucoseThresholdAlerter
{
    private readonly GlucoseAlertOptions _options;
    private Severity _low;
    private Severity _high;

    /// <summary>Creates the alerter.</summary>
    public GlucoseThresholdAlerter(GlucoseAlertOptions? options = null)
    {
        _options = options ?? new GlucoseAlertOptions();
    }

    private enum Severity
    {
        None,
        Alerted,
        Urgent,
    }

    /// <summary>The alert to raise at this reading, if any.</summary>
    public GlucoseAlertKind? Process(double mgDl)
    {
        var margin = _options.ClearMarginMgDl;
        if (mgDl < _options.UrgentLowBelowMgDl)
        {
            _high = Severity.None;
            return Raise(ref _low, Severity.Urgent, GlucoseAlertKind.UrgentLow);
        }

        if (mgDl > _options.UrgentHighAboveMgDl)
        {
            _low = Severity.None;
            return Raise(ref _high, Severity.Urgent, GlucoseAlertKind.UrgentHigh);
        }

        _low = Ease(_low, mgDl >= _options.LowBelowMgDl + margin, mgDl >= _options.UrgentLowBelowMgDl + margin);
        _high = Ease(_high, mgDl <= _options.HighAboveMgDl - margin, mgDl <= _options.UrgentHighAboveMgDl - margin);
        if (mgDl < _options.LowBelowMgDl)
        {
            return Raise(ref _low, Severity.Alerted, GlucoseAlertKind.Low);
        }

        return mgDl > _options.HighAboveMgDl ? Raise(ref _high, Severity.Alerted, GlucoseAlertKind.High) : null;
    }

    /// <summary>Forgets the current episode (after stale data, an ongoing condition is announced again).</summary>
    public void Reset()
    {
        _low = Severity.None;
        _high = Severity.None;
    }

    private static GlucoseAlertKind? Raise(ref Severity state, Severity level, GlucoseAlertKind kind)
    {
        if (state >= level)
        {
            return null;
        }

        state = level;
        return kind;
    }

    // Clears the episode when fully back in range; steps an urgent episode down once clear of the urgent level.
    private static Severity Ease(Severity state, bool clear, bool clearOfUrgent) =>
        clear ? Severity.None : state == Severity.Urgent && clearOfUrgent ? Severity.Alerted : state;
}
