namespace Iomt.Clinical.Falls;

/// <summary>
/// Streaming fall detector for a waist-worn tri-axial accelerometer (g), any rate from <see cref="MinimumRateHz"/> to <see cref="MaximumRateHz"/> Hz.
/// Each sample is low-pass filtered at the input rate (rate-aware Butterworth) and resampled to a fixed
/// grid; an impact candidate opens when the filtered magnitude crosses a threshold, its peak is taken
/// within <see cref="FallDetectorOptions.PeakSearchS"/>, and exactly <see cref="FallDetectorOptions.PostWindowS"/>
/// after the peak the candidate is scored on impact, free fall and post-impact posture / stillness
/// (<see cref="FallFeatures"/>). A gap in the samples that follows a free fall opens a candidate too: the impact may
/// be hidden in it (<see cref="FallDetectorOptions.HiddenImpactGapS"/>); so does a sensor held at its full-scale limit,
/// which clips the impact, and at low rates one reading at that limit right after a free fall
/// (<see cref="FallDetectorOptions.SaturationG"/>). The filters follow a device that changes its rate (<see cref="RateWatch"/>).
/// State is a fixed ring buffer plus a bounded list of pending candidates.
/// </summary>
public sealed class FallDetector
{
    private readonly FallDetectorOptions _options;
    private readonly IFallCandidateSink? _sink;
    private readonly MotionHistory _history;
    private readonly SaturationWatch _saturation;
    private readonly RateWatch _rate;
    private readonly (long Impact, bool Hidden)[] _pending;
    private readonly double[] _features = new double[FallFeatures.Count];
    private readonly long _peakSearch;
    private readonly long _post;
    private readonly double _gridStep;
    private ButterworthLowPass _fx, _fy, _fz;
    private bool _started;
    private const double GridSlackS = 1e-9;
    private double _gridOrigin;
    private double _lastTime;
    private double _lastX, _lastY, _lastZ;
    private int _pendingCount;
    private long _searchStart = -1;
    private bool _searchHidden;
    private long _peakIndex;
    private double _peakValue;
    private double _lastFallTime = double.NegativeInfinity;

    /// <summary>Lowest input rate (Hz) the detector is meant for; docs/validation/falls.md measures it on SisFall resampled down to it.</summary>
    public const double MinimumRateHz = 12;

    /// <summary>Highest input rate (Hz) the detector is meant for; above 25 Hz the rate changes nothing on SisFall (the same 50 Hz grid after the low-pass).</summary>
    public const double MaximumRateHz = 1000;

    /// <summary>
    /// Whether <paramref name="sampleRateHz"/> lies in the range the detector is validated for, give or take 1 %: a rate
    /// measured from stamps rounded to the millisecond reads 11.999 Hz for 12 Hz.
    /// </summary>
    public static bool SupportsRate(double sampleRateHz) => sampleRateHz >= MinimumRateHz * 0.99 && sampleRateHz <= MaximumRateHz * 1.01;

    /// <summary>Creates a detector for samples arriving at about <paramref name="sampleRateHz"/>.</summary>
    public FallDetector(double sampleRateHz, FallDetectorOptions? options = null, IFallCandidateSink? sink = null)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sampling rate must be positive");
        }

        _options = options ?? new FallDetectorOptions();
        _sink = sink;
        _rate = new RateWatch(sampleRateHz);
        _gridStep = 1 / _options.GridRateHz;
        _peakSearch = (long)Math.Round(_options.PeakSearchS * _options.GridRateHz);
        _post = (long)Math.Round(_options.PostWindowS * _options.GridRateHz);
        var span = Math.Max(_options.PreWindowS, _options.PostureLookbackS) + _options.PeakSearchS + _options.PostWindowS + 1;
        _history = new MotionHistory((int)Math.Ceiling(span * _options.GridRateHz) + 2, FallFeatures.HalfSecond(_options));
        _saturation = new SaturationWatch(_options, sampleRateHz);

        // A new candidate opens at most once per peak-search window, so this many can await their post window.
        _pending = new (long, bool)[(int)(_post / Math.Max(1, _peakSearch)) + 2];
        _fx = new ButterworthLowPass(_options.LowPassCutoffHz, sampleRateHz);
        _fy = _fx;
        _fz = _fx;
    }

    /// <summary>
    /// The input sampling rate the filters are designed for now: the rate given to the constructor until the sample
    /// times show another (<see cref="RateWatch"/>), which the filters then follow.
    /// </summary>
    public double SampleRateHz => _rate.RateHz;

    /// <summary>
    /// Consumes one sample. Returns true when a fall is raised now, with <paramref name="fallTimeS"/> the
    /// stream time at which it is raised: this sample's, the first at or after the end of the post-impact window (the
    /// grid point there is interpolated towards it, so it is not known before), or, when this sample comes after a gap
    /// longer than <see cref="FallDetectorOptions.MaxGapS"/>, the last sample's before the gap (<see cref="Flush"/>).
    /// </summary>
    public bool Add(double timeS, double ax, double ay, double az, out double fallTimeS)
    {
        fallTimeS = double.NaN;
        if (!_started || timeS - _lastTime > _options.MaxGapS || timeS < _lastTime)
        {
            // A gap ends the run like the end of a recording: an impact just before it is still decided.
            var beforeGap = _started && Flush(out fallTimeS);
            Restart(timeS, ax, ay, az);
            return beforeGap;
        }

        if (_rate.Add(timeS - _lastTime))
        {
            Retune();
        }

        var hiddenImpact = timeS - _lastTime >= _options.HiddenImpactGapS && InFreeFall();
        // An axis held at the sensor's limit; or, at a low rate, the first reading at that level right after a free
        // fall: a clipped impact can then fill a single sample, and no repeated reading shows the limit. (Only the
        // first: a strong reading against gravity pulls the filtered magnitude itself towards zero.)
        var saturated = _saturation.Add(timeS, ax, ay, az) || (_saturation.ReachedLevelInOneLongSample && InFreeFall());
        _history.AddRawAtStart((long)((timeS - _gridOrigin) * _options.GridRateHz), ax, ay, az);
        var x = _fx.Next(ax);
        var y = _fy.Next(ay);
        var z = _fz.Next(az);
        var raised = false;

        // Linear interpolation of the filtered signal onto the grid: up-samples 25 Hz, down-samples 200 Hz.
        while (true)
        {
            // A grid point on a sample's time is that sample's, whatever the rounding of the product (1 ns of slack): the
            // time a fall is raised at then does not hang on the stream's origin.
            var gridTime = _gridOrigin + (_history.Count * _gridStep);
            if (gridTime > timeS + GridSlackS)
            {
                break;
            }

            var span = timeS - _lastTime;
            var f = span > 0 ? (gridTime - _lastTime) / span : 1;
            _history.Add(_lastX + (f * (x - _lastX)), _lastY + (f * (y - _lastY)), _lastZ + (f * (z - _lastZ)));
            if (OnGridSample(gridTime))
            {
                raised = true;
                fallTimeS = timeS;
            }
        }

        if ((hiddenImpact || saturated) && _searchStart < 0)
        {
            // The first grid sample after the gap, or at the limit; the peak search then runs as for any candidate.
            OpenCandidate(_history.Count - 1, hidden: hiddenImpact);
        }

        _lastTime = timeS;
        _lastX = x;
        _lastY = y;
        _lastZ = z;
        return raised;
    }

    /// <summary>
    /// At the end of a recording, or when the stream went quiet, scores the impacts whose post-impact window is not
    /// complete, provided at least <see cref="FallDetectorOptions.MinimumPostAtEndS"/> of it was recorded (the posture
    /// and stillness are then taken from the last second recorded). Returns true when one is a fall, with
    /// <paramref name="fallTimeS"/> the time of the last sample. The state is kept: if samples follow after all, those
    /// impacts are scored again when their window completes, and one raised here is not raised twice (refractory time).
    /// </summary>
    public bool Flush(out double fallTimeS)
    {
        fallTimeS = double.NaN;
        if (!_started || _history.Count == 0)
        {
            return false;
        }

        var last = _history.Count - 1;
        var now = _gridOrigin + (last * _gridStep);
        var minimumPost = (long)Math.Round(_options.MinimumPostAtEndS * _options.GridRateHz);
        var raised = false;
        for (var i = 0; i <= _pendingCount; i++)
        {
            // The pending impacts, then the one whose peak is still being searched for.
            var (impact, hidden) = i < _pendingCount ? _pending[i] : (_searchStart >= 0 ? _peakIndex : -1, IsHidden());
            if (impact >= 0 && last - impact >= minimumPost && Decide(impact, now, hidden))
            {
                raised = true;
                fallTimeS = _lastTime;
            }
        }

        return raised;
    }

    // The sampling rate changed: the filters are designed for the new one and carry on from their last output.
    private void Retune()
    {
        var filter = new ButterworthLowPass(_options.LowPassCutoffHz, _rate.RateHz);
        _fx = _fy = _fz = filter;
        _fx.Reset(_lastX);
        _fy.Reset(_lastY);
        _fz.Reset(_lastZ);
        _saturation.SetRate(_rate.RateHz);
    }

    private void Restart(double timeS, double ax, double ay, double az)
    {
        _started = true;
        _rate.Restart();
        _saturation.Reset(timeS, ax, ay, az);
        _fx.Reset(ax);
        _fy.Reset(ay);
        _fz.Reset(az);
        _history.Clear();
        _gridOrigin = timeS;
        _lastTime = timeS;
        _lastX = ax;
        _lastY = ay;
        _lastZ = az;
        _pendingCount = 0;
        _searchStart = -1;
        _history.Add(ax, ay, az);
        _history.AddRawAtStart(0, ax, ay, az);
    }

    private bool OnGridSample(double gridTime)
    {
        var index = _history.Count - 1;
        var magnitude = _history.Magnitude(index);
        if (_searchStart >= 0)
        {
            if (magnitude > _peakValue)
            {
                _peakValue = magnitude;
                _peakIndex = index;
            }

            if (index - _searchStart >= _peakSearch)
            {
                _searchStart = -1;
                if (_pendingCount < _pending.Length)
                {
                    _pending[_pendingCount++] = (_peakIndex, IsHidden());
                }
            }
        }
        else if (magnitude >= _options.CandidateThresholdG)
        {
            OpenCandidate(index, hidden: false);
        }

        var raised = false;
        while (_pendingCount > 0 && index >= _pending[0].Impact + _post)
        {
            var (impact, hidden) = _pending[0];
            Array.Copy(_pending, 1, _pending, 0, --_pendingCount);
            if (Decide(impact, gridTime, hidden))
            {
                raised = true;
            }
        }

        return raised;
    }

    private void OpenCandidate(long index, bool hidden)
    {
        _searchStart = index;
        _peakIndex = index;
        _peakValue = _history.Magnitude(index);
        _searchHidden = hidden;
    }

    // A candidate opened by a gap whose search found no peak of its own: its impact was in the gap.
    private bool IsHidden() => _searchHidden && _peakValue < _options.CandidateThresholdG;

    // Whether the filtered magnitude was below the free-fall level in the last half second on the grid.
    private bool InFreeFall()
    {
        var (from, to) = _history.Clamp(_history.Count - (long)Math.Round(0.5 * _options.GridRateHz), _history.Count);
        for (var k = from; k < to; k++)
        {
            if (_history.Magnitude(k) < _options.FreeFallG)
            {
                return true;
            }
        }

        return false;
    }

    // Scores the impact at grid index `impact` at `gridTime`; true when it is a fall outside the refractory period.
    // An impact hidden in a gap counts as at least as strong as the candidate threshold.
    private bool Decide(long impact, double gridTime, bool hidden)
    {
        FallFeatures.Compute(_history, impact, _options, _features);
        if (hidden)
        {
            _features[0] = Math.Max(_features[0], Math.Log(_options.CandidateThresholdG));
        }

        var probability = _options.Model.Probability(_features);
        _sink?.OnCandidate(_gridOrigin + (impact * _gridStep), gridTime, _features, probability);
        if (probability >= _options.Model.Threshold && gridTime - _lastFallTime >= _options.RefractoryS)
        {
            _lastFallTime = gridTime;
            return true;
        }

        return false;
    }
}
