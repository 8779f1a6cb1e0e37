namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Turns per-interval AF labels into episodes for alerting, with the conventional 30-s minimum: an episode
/// starts once the intervals labelled AF since the last non-AF one span at least <see cref="MinimumSeconds"/>,
/// and ends once the intervals labelled non-AF span as long (clinical-reference §AF: "a 30-s minimum episode
/// before alerting"). Brief runs either way do not toggle the state, so a noisy stretch does not raise a
/// start and an end every few beats. The change is reported with the time the new run began (its onset).
/// </summary>
public sealed class AfEpisodeTracker(double minimumSeconds = AfEpisodeTracker.DefaultMinimumSeconds)
{
    /// <summary>The default minimum episode, in seconds.</summary>
    public const double DefaultMinimumSeconds = 30;

    private double _runStart = double.NaN;
    private double _previousTime = double.NaN;

    /// <summary>Minimum duration of a run before the state changes, in seconds.</summary>
    public double MinimumSeconds { get; } = minimumSeconds;

    /// <summary>True while an AF episode is open.</summary>
    public bool InEpisode { get; private set; }

    /// <summary>
    /// Consumes the next decision (in time order); returns the onset of the run when the state changes with it:
    /// the start of a new episode when <see cref="InEpisode"/> became true, its end when it became false.
    /// </summary>
    public double? Add(AfDecision decision)
    {
        // A run begins with the interval that starts at the previous beat.
        var intervalStart = double.IsNaN(_previousTime) ? decision.Time : _previousTime;
        _previousTime = decision.Time;
        if (decision.IsAf == InEpisode)
        {
            _runStart = double.NaN;
            return null;
        }

        if (double.IsNaN(_runStart))
        {
            _runStart = intervalStart;
        }

        if (decision.Time - _runStart < MinimumSeconds)
        {
            return null;
        }

        InEpisode = decision.IsAf;
        var onset = _runStart;
        _runStart = double.NaN;
        return onset;
    }
}
