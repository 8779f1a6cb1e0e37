namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Turns per-interval AF labels into episodes for alerting, with the conventional 30-s minimum (clinical-reference
/// §AF: "a 30-s minimum episode before alerting"). Outside an episode, the time covered by intervals labelled AF is
/// added up from the first of them; an episode starts when it reaches <see cref="MinimumSeconds"/>, with that
/// first AF interval as its onset. Breaks in the labels shorter than the minimum do not reset the sum — a
/// detector's labels flicker at the edges of an episode and in coarse AF — but <see cref="MinimumSeconds"/> of
/// uninterrupted non-AF labels does, so scattered AF labels in sinus rhythm never add up. Inside an episode the
/// same rule, with the labels swapped, decides its end.
/// </summary>
public sealed class AfEpisodeTracker(double minimumSeconds = AfEpisodeTracker.DefaultMinimumSeconds)
{
    /// <summary>The default minimum episode, in seconds.</summary>
    public const double DefaultMinimumSeconds = 30;

    private double _previousTime = double.NaN;
    private double _changeStart = double.NaN;
    private double _changeSeconds;
    private double _holdStart = double.NaN;

    /// <summary>Minimum time covered by the new state's labels before the state changes, in seconds.</summary>
    public double MinimumSeconds { get; } = minimumSeconds;

    /// <summary>True while an AF episode is open.</summary>
    public bool InEpisode { get; private set; }

    /// <summary>
    /// The recording broke off (a gap, electrodes or strap off) and goes on with a fresh detector: the episode state
    /// is kept, but the first interval after the break covers no time, so the gap itself counts neither as AF nor as
    /// its absence.
    /// </summary>
    public void Interrupt() => _previousTime = double.NaN;

    /// <summary>
    /// Consumes the next decision (in time order); returns the onset of the change when the state changes with it:
    /// the start of a new episode when <see cref="InEpisode"/> became true, its end when it became false.
    /// </summary>
    public double? Add(AfDecision decision)
    {
        // An interval covers the time from the previous beat to the one that ends it.
        var intervalStart = double.IsNaN(_previousTime) ? decision.Time : _previousTime;
        _previousTime = decision.Time;
        if (decision.IsAf == InEpisode)
        {
            if (!double.IsNaN(_changeStart))
            {
                _holdStart = double.IsNaN(_holdStart) ? intervalStart : _holdStart;
                if (decision.Time - _holdStart >= MinimumSeconds)
                {
                    _changeStart = _holdStart = double.NaN;
                }
            }

            return null;
        }

        _holdStart = double.NaN;
        if (double.IsNaN(_changeStart))
        {
            _changeStart = intervalStart;
            _changeSeconds = 0;
        }

        _changeSeconds += decision.Time - intervalStart;
        if (_changeSeconds < MinimumSeconds)
        {
            return null;
        }

        InEpisode = decision.IsAf;
        var onset = _changeStart;
        _changeStart = double.NaN;
        return onset;
    }
}
