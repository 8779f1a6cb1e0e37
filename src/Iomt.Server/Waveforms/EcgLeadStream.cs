using Iomt.Clinical.Ecg;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Hrv;
using Iomt.Core.Waveforms;
using Iomt.Server.Detection;

namespace Iomt.Server.Waveforms;

/// <summary>
/// One contiguous run of an ECG lead through the streaming analysis that <c>iomt analyze ecg</c> runs, the
/// <see cref="EcgLeadAnalyzer"/> (QRS detection, and AF from RR irregularity and absent P waves), followed by the
/// <see cref="AfEpisodeTracker"/> (30-s minimum episode); and the
/// heart rate over 10-s windows and the HRV (<see cref="HrvCalculator"/>) over 5-min windows, both aligned to the clock.
/// Beats are sample numbers from the run's first sample, turned into times rounded to whole milliseconds so that a
/// beat or an onset found again after a restart gets the same time and identity. Samples marked invalid in FHIR
/// SampledData (E, L, U) repeat the last valid value.
/// </summary>
internal sealed class EcgLeadStream : ChunkStream, IEcgLeadSink
{
    /// <summary>Window of a heart-rate reading (a bedside monitor's display averages over a few seconds).</summary>
    public static readonly TimeSpan HeartRateWindow = TimeSpan.FromSeconds(10);

    /// <summary>Window of an HRV reading: the Task Force's standard short-term recording (ESC/NASPE 1996).</summary>
    public static readonly TimeSpan VariabilityWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Stored history replayed into a new stream: a whole HRV window and a minute more, which also covers the AF
    /// detector's 16 intervals before a decision, an episode's 30 s after up to 30 s of look-ahead, and the QRS
    /// detector's learning period.
    /// </summary>
    public static readonly TimeSpan WarmUp = VariabilityWindow + TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far a backfill run that reached the live run at <paramref name="joinAt"/> is fed the live run's stored chunks
    /// (<see cref="ChunkStream.JoinAt"/>): a minute, in which the AF labels of the backlog's last beats (up to 30 s of
    /// look-ahead) and an episode that begins there (30 s of AF) are decided, and at least until the heart-rate and HRV
    /// windows open at that time have ended and the beat after them came (<see cref="MaximumRrSeconds"/>): the live run
    /// joined those windows late and does not report them.
    /// </summary>
    public static DateTimeOffset DecidedAfterJoin(DateTimeOffset joinAt)
    {
        if (ChunkStream.Shifted(joinAt, 2 * VariabilityWindow) == DateTimeOffset.MaxValue)
        {
            return DateTimeOffset.MaxValue; // a device stamping the year 9999
        }

        var windowMs = (long)VariabilityWindow.TotalMilliseconds;
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((Math.DivRem(joinAt.ToUnixTimeMilliseconds(), windowMs, out var remainder) - (remainder < 0 ? 1 : 0) + 1) * windowMs);
        var decided = joinAt + TimeSpan.FromMinutes(1);
        var windowsDone = windowEnd + TimeSpan.FromSeconds(MaximumRrSeconds);
        return decided > windowsDone ? decided : windowsDone;
    }

    /// <summary>
    /// True for the sampling rates analysed, 50–2000 Hz: the QRS detector needs 50 Hz or more, and diagnostic ECGs are
    /// sampled at 2 kHz at most. A lead at another rate is stored but not analysed (its cost per sample grows with the
    /// rate, and one device must not hold the server up).
    /// </summary>
    public static bool SupportsRate(double hz) => hz is >= 50 and <= 2000;

    /// <summary>Shortest RR interval taken as a real one (s), as the catalogue's rr-interval range.</summary>
    public const double MinimumRrSeconds = 0.2;

    /// <summary>Longest RR interval taken as a real one (s).</summary>
    public const double MaximumRrSeconds = 3.0;

    /// <summary>Fewest NN intervals (HrvCalculator's filter) an HRV window needs: half a minute of beats at 60 /min.</summary>
    public const int MinimumNnIntervals = 30;

    private readonly EcgLeadAnalyzer _analyzer;
    private readonly AfEpisodeTracker _episodes;
    private readonly DateTimeOffset _epoch;
    private readonly BeatWindow _rateWindow = new(HeartRateWindow);
    private readonly BeatWindow _variabilityWindow = new(VariabilityWindow);
    private float _lastValue;
    private DateTimeOffset? _firstAfChange;
    private bool _sawNonAf;
    private double _lastPosition = double.NaN;

    // The findings of the chunk being analysed, which the analyzer's calls (IEcgLeadSink) add to.
    private EcgFindings _findings = new();

    /// <summary>
    /// Starts a run at <paramref name="first"/>. After a gap, <paramref name="previous"/> is the run that ended: its
    /// AF episode goes on in this one (an episode is not announced again because the electrodes were off for a
    /// while), while the detectors start afresh and intervals across the gap are never formed.
    /// </summary>
    public EcgLeadStream(WaveformChunk first, EcgLeadStream? previous = null)
        : base(first)
    {
        _analyzer = new EcgLeadAnalyzer(Rate);
        _episodes = previous?._episodes ?? new AfEpisodeTracker();
        _episodes.Interrupt();
        _epoch = previous?._epoch ?? Origin;
        _sawNonAf = previous?._sawNonAf ?? false;
    }

    /// <summary>
    /// The onset of the first AF episode change this run announced (not the runs before it whose episode it carries on);
    /// null while it announced none.
    /// </summary>
    public override DateTimeOffset? FirstAnnouncement => _firstAfChange;

    /// <summary>
    /// Feeds the chunk; returns the RR intervals it completed, the heart-rate and HRV windows that ended and the AF
    /// episode changes that became final.
    /// </summary>
    public EcgFindings Add(WaveformChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Align(chunk.Start);
        var values = new float[chunk.Samples.Length];
        var millivolts = EcgUnits.MillivoltsPer(chunk.Unit) ?? 1; // the detectors work in mV (uV and V are scaled)
        for (var i = 0; i < values.Length; i++)
        {
            if (chunk.Samples[i] is not (SampledDataMarkers.Error or SampledDataMarkers.BelowLowerLimit or SampledDataMarkers.AboveUpperLimit))
            {
                _lastValue = (float)(chunk.PhysicalValue(i) * millivolts);
            }

            values[i] = _lastValue;
        }

        Advance(values.Length);
        return Collect(() => _analyzer.Process(values, this));
    }

    /// <summary>
    /// Ends the run (the next chunk starts after a gap): reports the beat the QRS detector still held and labels the
    /// intervals still waiting for the AF detector's look-ahead, so the run's last minute is not lost.
    /// </summary>
    public EcgFindings End() => Collect(() => _analyzer.End(this));

    /// <summary>
    /// The device went quiet: labels the intervals still waiting for the AF detector's look-ahead on the beats found
    /// so far, raised at the last beat. Unlike <see cref="End"/> the run goes on, so a late chunk that continues it
    /// is analysed as if nothing happened (its first labels, already decided, are not decided again); the beat the
    /// QRS detector still holds waits for that chunk.
    /// </summary>
    public EcgFindings DecidePending() => Collect(() => _analyzer.DecidePending(this));

    /// <summary>Readings and HRV measure between the beats' positions (the AF detector keeps the detection fiducials).</summary>
    void IEcgLeadSink.OnBeat(long sample, double position)
    {
        if (!double.IsNaN(_lastPosition))
        {
            var measuredRr = (position - _lastPosition) / Rate;
            var time = MillisecondTime.At(Origin, position / Rate);
            _findings.Intervals.Add((time, measuredRr));
            Summarise(time, measuredRr, _findings);
        }

        _lastPosition = position;
    }

    /// <summary>
    /// Episode times count from the first run's start (the epoch), so that an episode can go on across runs. A start is
    /// seen to begin when the run (or the one it carries on) labelled an interval non-AF before it, its warm-up included:
    /// not an episode that a run begun cold inside it finds begin (<see cref="AfAnnouncements"/>).
    /// </summary>
    void IEcgLeadSink.OnAfDecision(AfDecision decision, long raisedAt)
    {
        var sawNonAf = _sawNonAf;
        _sawNonAf |= !decision.IsAf;
        if (_episodes.Add(decision with { Time = decision.Time + (Origin - _epoch).TotalSeconds }) is { } onset)
        {
            var at = MillisecondTime.At(_epoch, onset);
            _firstAfChange ??= at;
            _findings.Changes.Add((_episodes.InEpisode, at, MillisecondTime.At(Origin, raisedAt / Rate), _episodes.InEpisode && sawNonAf));
        }
    }

    // Runs one step of the analyzer, collecting what it finds.
    private EcgFindings Collect(Action step)
    {
        _findings = new EcgFindings();
        step();
        return _findings;
    }

    // Heart rate counts every beat (the ventricular rate); HRV only NN intervals, as HrvCalculator filters them.
    // An interval outside the RR readings' plausible range (a dropout, or a pause over 3 s) enters neither.
    private void Summarise(DateTimeOffset time, double rr, EcgFindings findings)
    {
        if (rr is < MinimumRrSeconds or > MaximumRrSeconds)
        {
            return;
        }

        if (_rateWindow.Add(time, rr, out var end, out var intervals) && intervals.Count >= 2)
        {
            findings.HeartRates.Add((end, 60 * intervals.Count / intervals.Sum()));
        }

        if (_variabilityWindow.Add(time, rr, out end, out intervals)
            && HrvCalculator.Compute([.. intervals]) is { NnCount: >= MinimumNnIntervals } summary)
        {
            findings.Variability.Add((end, summary));
        }
    }
}

/// <summary>
/// What one chunk completed: RR intervals (time of the beat that ends each, seconds), heart rates and HRV summaries of
/// the windows that ended (stamped with the window's end), and AF episode changes.
/// </summary>
internal sealed class EcgFindings
{
    public List<(DateTimeOffset Time, double RrSeconds)> Intervals { get; } = [];

    public List<(DateTimeOffset WindowEnd, double Bpm)> HeartRates { get; } = [];

    public List<(DateTimeOffset WindowEnd, HrvSummary Summary)> Variability { get; } = [];

    /// <summary>AF episode changes; <c>SeenToBegin</c>: a start after an interval the run labelled non-AF.</summary>
    public List<(bool Started, DateTimeOffset Onset, DateTimeOffset Raised, bool SeenToBegin)> Changes { get; } = [];
}
