using System.Runtime.CompilerServices;

namespace Iomt.Clinical.Ecg.Qrs;

/// <summary>
/// Real-time QRS detector after Pan &amp; Tompkins 1985 (IEEE TBME 32:230) and Hamilton &amp; Tompkins 1986
/// (IEEE TBME 33:1157): band-pass, derivative, squaring, moving-window integration, adaptive signal/noise
/// peak thresholds, T-wave discrimination, search-back for missed beats and a refractory period; after
/// <see cref="RelearnSeconds"/> without a beat it learns its levels again from peaks shaped like the recent QRS
/// complexes (<see cref="QrsShape"/>), so a lead that lost most of its amplitude is followed again.
/// Every window is given in seconds, so the detector runs at any sampling rate. It consumes chunks of
/// samples (physical units) and keeps bounded state; a beat is reported at most
/// <see cref="MaxDelaySeconds"/> after its R wave, except beats found by search-back, which are reported
/// when the search-back fires (at most 1.66 average RR intervals after the previous beat, or
/// <see cref="RelearnSeconds"/> after it when the levels are learnt again).
/// </summary>
public sealed class QrsDetector
{
    private const int MaxPeaks = 32;

    /// <summary>
    /// Half-width (s) of the stretch around the largest band-passed excursion whose energy centroid is a beat's
    /// <see cref="PositionOf">position</see>: where R and S waves are of similar size the largest excursion jumps
    /// between them from beat to beat (MIT-BIH 100: 15 ms of jitter, which inflates RMSSD by 58 %), the centroid of
    /// both does not (3 ms).
    /// </summary>
    public const double CentroidSeconds = 0.050;

    private const int PositionMemory = 64;

    /// <summary>
    /// How many times the usual T-window energy a complex in the T-wave window must carry to be a beat whatever its
    /// slope and size against the last QRS (a premature ventricular beat: wide, so less steep and, after the 5–15 Hz
    /// band-pass, often under half the QRS energy, yet far above the T waves of the record). 50 in energy is about 7 in
    /// amplitude; measured on MIT-BIH (docs/validation/ecg.md, "Where the missed beats are").
    /// </summary>
    public const float EctopicEnergyRatio = 50;

    private const int TWaveMemory = 8;

    /// <summary>
    /// Seconds without a beat after which the detector may learn its levels again from the peaks of the gap
    /// (Hamilton's OSEA uses 8 s): a QRS that fell under about 17 % of its old size never crosses the lowered levels.
    /// </summary>
    public const double RelearnSeconds = 8.0;

    /// <summary>
    /// Least correlation of a gap's peak with the learnt QRS shape (<see cref="QrsShape"/>) for it to count as a fallen
    /// QRS when learning again. The peaks of spliced-in ventricular standstill (P waves, remnants of the QRS, noise)
    /// reached 0.86 at their 99th percentile, accepted beats 0.99 at their median (docs/validation/ecg.md, "A sudden fall
    /// of amplitude").
    /// </summary>
    public const double RelearnShapeMatch = 0.95;

    /// <summary>
    /// How many times the size of the beats learnt into the QRS shape (<see cref="QrsShape"/>) an accepted beat may carry
    /// and still be learnt: a complex that far above the recent QRS is far more often an artefact (a loose electrode
    /// tapping, ±5 mV) than a QRS. That size follows the learnt beats only, so however many artefacts in a row pass for
    /// beats (and raise the detection levels, which take every beat as it is), the shape stays a QRS's and relearning
    /// after them finds the beats. A QRS that grew more than this (a gain change) is detected as before; the shape,
    /// which is scaled to unit energy, keeps the morphology it had. Clipping the detection levels the same way was
    /// tried and dropped: it let muscle noise through (6 dB: +P 90.8 to 87.5 % on MIT-BIH).
    /// </summary>
    public const double ArtefactRatio = 3;

    /// <summary>
    /// Largest peak-to-peak span (mV) of the raw lead within ±<see cref="CentroidSeconds"/> of a QRS: MIT-BIH's tallest
    /// beats span 6.5 mV (116), ±5 mV of electrode motion 10 mV. <see cref="ArtefactRatio"/> needs the size of earlier
    /// QRS complexes, which a recording that starts with artefacts does not have: its first levels and its first learnt
    /// beats are the artefacts, the shape becomes theirs and no QRS matches it after them. So a complex spanning more is
    /// never learnt into the shape; and once the shape is learnt, one that also carries ArtefactRatio² times the energy
    /// of the learnt beats and is unlike them is neither a beat nor a noise peak, so a run of them moves no level and
    /// hides no QRS between them. A lead whose every QRS spans more (or a signal in a unit that is not a voltage:
    /// <see cref="EcgUnits"/> brings µV and V to mV) is detected as before, only without a learnt shape.
    /// </summary>
    public const double MaxQrsSpanMv = 8;

    /// <summary>Peaks shaped like the QRS needed within the last <see cref="RelearnSeconds"/> (at least 30 beats/min).</summary>
    public const int RelearnMatches = 4;

    private readonly double _fs;
    private readonly int _window, _derivativeLag, _refractory, _twaveLimit, _peakHold, _learning;
    private readonly int _ringMask, _fiducialLag, _align;
    private readonly float[] _bandRing, _energyRing, _rawRing;
    private readonly QrsShape _shape;
    private readonly long _relearnAfter;
    private readonly Peak[] _peaks = new Peak[MaxPeaks];
    private readonly (long Beat, double Position)[] _positions = new (long, double)[PositionMemory];
    private readonly long[] _rr = new long[8];
    private Biquad _highPass, _lowPass1, _lowPass2;
    private long _n;
    private long _emitted;
    private double _energySum;
    private float _previousIntegrated, _candidateValue;
    private long _candidateIndex = -1;
    private bool _armed = true;
    private int _peakCount;
    private bool _learned;
    private long _searchBackAt = long.MaxValue;
    private float _learningMax;
    private double _signalLevel, _noiseLevel, _shapeLevel;
    private long _lastQrs = long.MinValue / 2, _lastEmitted = -1;
    private float _lastSlope;
    private Peak _pending;
    private bool _hasPending;
    private long _beforeLastQrs;
    private int _lastRrSlot = -1;
    private int _rrCount, _rrNext;
    private long _rrSum;
    private bool _levelsLowered;
    private readonly float[] _tWaveEnergy = new float[TWaveMemory];
    private int _tWaveCount, _tWaveNext;
    private float _tWaveMax;

    /// <summary>Creates a detector for a signal sampled at <paramref name="samplingFrequency"/> Hz.</summary>
    public QrsDetector(double samplingFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingFrequency, 50);
        _fs = samplingFrequency;
        _window = Samples(0.150);
        _derivativeLag = Math.Max(1, Samples(0.010));
        _refractory = Samples(0.200);
        _twaveLimit = Samples(0.360);
        _peakHold = Samples(0.200);
        _learning = Samples(2.0);
        _relearnAfter = Samples(RelearnSeconds);
        _shape = new QrsShape(Samples(CentroidSeconds), Samples(0.020));
        var ringLength = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(_window + _derivativeLag + _peakHold + Samples(0.1) + _shape.Reach));
        _ringMask = ringLength - 1;
        _bandRing = new float[ringLength];
        _energyRing = new float[ringLength];
        _rawRing = new float[ringLength];

        // Pass band 5-15 Hz as in Pan & Tompkins: it keeps the QRS energy and rejects baseline wander,
        // P and T waves and muscle noise. The second low-pass section steepens the upper edge.
        _highPass = Biquad.HighPass(5, samplingFrequency);
        _lowPass1 = Biquad.LowPass(15, samplingFrequency);
        _lowPass2 = Biquad.LowPass(15, samplingFrequency);
        _fiducialLag = (int)Math.Round(GroupDelaySamples(10));
        _align = Samples(CentroidSeconds);
    }

    /// <summary>The sampling frequency in hertz.</summary>
    public double SamplingFrequency => _fs;

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen => _n;

    /// <summary>
    /// The time of a beat reported by <see cref="Process"/> or <see cref="Flush"/> (one of the last 64), in samples
    /// at sub-sample precision, for measuring intervals (RR series, HRV): the energy centroid of the band-passed QRS
    /// around its largest excursion. The reported sample number itself stays that largest excursion, which the
    /// validated QRS and AF figures were measured with; <paramref name="beat"/> itself when it is not known.
    /// </summary>
    public double PositionOf(long beat)
    {
        for (var k = _emitted - 1; k >= 0 && k >= _emitted - PositionMemory; k--)
        {
            var (b, position) = _positions[k % PositionMemory];
            if (b == beat)
            {
                return position;
            }
        }

        return beat;
    }

    /// <summary>
    /// Upper bound of the delay between a beat's reported sample and its report, for beats not found by search-back: the
    /// integration window, the derivative, the peak hold and the T-wave window, plus the band-pass group delay the
    /// fiducial point is moved back by and the energy centroid's reach before the largest excursion.
    /// </summary>
    public double MaxDelaySeconds => (_window + _derivativeLag + _peakHold + _twaveLimit + _fiducialLag + _align) / _fs;

    /// <summary>Capacity the <c>beats</c> span of <see cref="Process"/> needs for a chunk of <paramref name="chunkLength"/> samples.</summary>
    public int MaxBeatsPerChunk(int chunkLength) => (chunkLength / _refractory) + MaxPeaks + 2;

    /// <summary>
    /// Consumes <paramref name="samples"/> and writes the sample numbers (counted from the first sample ever
    /// given) of the beats detected so far into <paramref name="beats"/>, in increasing order; returns how many.
    /// </summary>
    public int Process(ReadOnlySpan<float> samples, Span<long> beats)
    {
        if (beats.Length < MaxBeatsPerChunk(samples.Length))
        {
            throw new ArgumentException($"beats needs room for {MaxBeatsPerChunk(samples.Length)} entries", nameof(beats));
        }

        var count = 0;
        var inverseWindow = 1.0f / _window;
        if (_n == 0 && samples.Length > 0)
        {
            // The recording starts at its first value, not with a step from zero: an offset (an unsigned ADC without
            // baseline, a DC-coupled lead) would otherwise ring through the band-pass as a huge first "beat" that sets
            // the learnt levels and hides the real beats of the first seconds.
            _highPass.Settle(samples[0]);
        }

        foreach (var x in samples)
        {
            var band = _lowPass2.Next(_lowPass1.Next(_highPass.Next(x)));
            var slot = (int)(_n & _ringMask);
            _bandRing[slot] = band;
            _rawRing[slot] = x;
            var slope = band - _bandRing[(int)((_n - _derivativeLag) & _ringMask)];
            var energy = slope * slope;
            _energySum += energy - _energyRing[(int)((_n - _window) & _ringMask)];
            _energyRing[slot] = energy;
            var integrated = (float)(_energySum * inverseWindow);
            TrackPeak(integrated, beats, ref count);
            if (_learned && _n >= _searchBackAt)
            {
                SearchBack(beats, ref count);
            }

            if (_hasPending && _n - _pending.Index > _twaveLimit)
            {
                EmitPending(beats, ref count);
            }

            _previousIntegrated = integrated;
            _n++;
        }

        return count;
    }

    // Group delay of the band-pass at f Hz, from its impulse response: τ = Re(Σ n·h[n]·e^(−jωn) / Σ h[n]·e^(−jωn)).
    // The band-passed maximum lags the R wave by about this much, so fiducial points are moved back by it.
    private double GroupDelaySamples(double hz)
    {
        var hp = Biquad.HighPass(5, _fs);
        var lp1 = Biquad.LowPass(15, _fs);
        var lp2 = Biquad.LowPass(15, _fs);
        var w = 2 * Math.PI * hz / _fs;
        double re = 0, im = 0, nre = 0, nim = 0;
        for (var n = 0; n < (int)(2 * _fs); n++)
        {
            double h = lp2.Next(lp1.Next(hp.Next(n == 0 ? 1f : 0f)));
            double c = Math.Cos(w * n), s = -Math.Sin(w * n);
            re += h * c;
            im += h * s;
            nre += n * h * c;
            nim += n * h * s;
        }

        // Real part of (nre + j·nim) / (re + j·im).
        return ((nre * re) + (nim * im)) / ((re * re) + (im * im));
    }

    /// <summary>
    /// At the end of a recording, classifies the integrated-signal peak still rising or held (a QRS in the last
    /// 200 ms) as if the signal had fallen, and reports the beats held back for the T-wave window; returns 0–2.
    /// </summary>
    public int Flush(Span<long> beats)
    {
        if (beats.Length < 2)
        {
            throw new ArgumentException("beats needs room for 2 entries", nameof(beats));
        }

        var count = 0;
        if (_armed && _learned && _candidateValue > 0.5 * _signalLevel)
        {
            OnPeak(MakePeak(_candidateIndex, _candidateValue), beats, ref count);
            _armed = false;
            _candidateValue = 0;
        }

        if (_hasPending)
        {
            EmitPending(beats, ref count);
        }

        return count;
    }

    private int Samples(double seconds) => Math.Max(1, (int)Math.Round(seconds * _fs));

    // Average of the last eight RR intervals (one second until the first interval is known).
    private long AverageRr => _rrCount == 0 ? (long)_fs : _rrSum / _rrCount;

    private long SearchBackAfter() => AverageRr * 166 / 100;

    // A peak of the integrated signal is the largest value before it falls to half of it, or before
    // 200 ms pass without a larger value; after a peak the detector waits for the signal to rise again.
    private void TrackPeak(float integrated, Span<long> beats, ref int count)
    {
        if (!_armed)
        {
            if (integrated > _previousIntegrated)
            {
                _armed = true;
                _candidateValue = integrated;
                _candidateIndex = _n;
            }

            return;
        }

        if (integrated > _candidateValue)
        {
            _candidateValue = integrated;
            _candidateIndex = _n;
        }
        else if (integrated < 0.5f * _candidateValue || _n - _candidateIndex > _peakHold)
        {
            OnPeak(MakePeak(_candidateIndex, _candidateValue), beats, ref count);
            _armed = false;
            _candidateValue = 0;
        }

        if (!_learned)
        {
            _learningMax = Math.Max(_learningMax, integrated);
            if (_n >= _learning)
            {
                EndLearning(beats, ref count);
            }
        }
    }

    // The fiducial point is the largest band-passed excursion in the integration window ending at the peak, the
    // position the energy centroid around it; the slope is the steepest band-passed slope there (used to tell a T
    // wave from a QRS).
    private Peak MakePeak(long index, float value)
    {
        var from = Math.Max(0, index - _window - _derivativeLag);
        long best = index;
        float bestAbs = -1, bestSlope = 0;
        for (var i = from; i <= index; i++)
        {
            var slot = (int)(i & _ringMask);
            var a = Math.Abs(_bandRing[slot]);
            if (a > bestAbs)
            {
                bestAbs = a;
                best = i;
            }

            bestSlope = Math.Max(bestSlope, Math.Abs(_bandRing[slot] - _bandRing[(int)((i - _derivativeLag) & _ringMask)]));
        }

        // The position: energy centroid of the band-passed signal within ±CentroidSeconds of the largest excursion.
        double energy = 0, moment = 0;
        var lo = Math.Max(Math.Max(0, _n - _ringMask), best - _align);
        var hi = Math.Min(_n, best + _align);
        for (var i = lo; i <= hi; i++)
        {
            double v = _bandRing[(int)(i & _ringMask)];
            energy += v * v;
            moment += (i - best) * v * v;
        }

        var centroid = energy > 0 ? best + (moment / energy) : best;
        return new Peak(index, value, Math.Max(0, best - _fiducialLag), Math.Max(0, centroid - _fiducialLag), bestSlope, float.NaN);
    }

    private void EndLearning(Span<long> beats, ref int count)
    {
        _learned = true;
        _signalLevel = 0.5 * _learningMax;
        _noiseLevel = 0.1 * _learningMax;
        _shapeLevel = _signalLevel;
        var buffered = _peakCount;
        Span<Peak> pending = stackalloc Peak[MaxPeaks];
        _peaks.AsSpan(0, buffered).CopyTo(pending);
        _peakCount = 0;
        foreach (var peak in pending[..buffered])
        {
            Classify(peak, beats, ref count);
        }

        // When an artefact (a saturated or clipped start, a burst of electrode motion) set the levels so high that no
        // peak of the learning period was a beat, the search-back and relearning must still run.
        if (_searchBackAt == long.MaxValue)
        {
            _searchBackAt = _n + SearchBackAfter();
        }
    }

    private void OnPeak(Peak peak, Span<long> beats, ref int count)
    {
        if (!_learned)
        {
            if (_peakCount < MaxPeaks)
            {
                _peaks[_peakCount++] = peak;
            }

            return;
        }

        Classify(peak, beats, ref count);
    }

    // Pan & Tompkins use 0.25 of the signal-noise gap; 0.12 recovers small ectopic beats in AF while the
    // T-wave test (also applied in search-back) and the P-wave replacement keep false detections down
    // (see docs/validation/ecg.md).
    private double Threshold => _noiseLevel + (0.12 * (_signalLevel - _noiseLevel));

    private void Classify(Peak peak, Span<long> beats, ref int count)
    {
        if (IsArtefact(peak))
        {
            return;
        }

        var sinceQrs = peak.Index - _lastQrs;

        // A larger and steeper complex right after the last beat means that beat was a P wave or an artefact
        // (tall P waves, MIT-BIH 108): the new one takes its place. Beats are held back for this until
        // the T-wave window has passed. This comes before the refractory period: a P wave taken for a beat is
        // followed by its QRS one PR interval later, often under 200 ms.
        if (_hasPending && sinceQrs < _twaveLimit && peak.Value > Threshold && peak.Value > _pending.Value && peak.Slope > _pending.Slope)
        {
            _signalLevel = (0.125 * peak.Value) + (0.875 * _signalLevel);
            ReplacePending(peak);
            return;
        }

        if (sinceQrs < _refractory)
        {
            return;
        }

        var inTWindow = sinceQrs < _twaveLimit;
        var looksLikeTWave = inTWindow && (IsTWave(peak, sinceQrs) || peak.Value < 0.5 * _signalLevel) && !IsEctopic(peak);
        if (inTWindow)
        {
            _tWaveMax = Math.Max(_tWaveMax, peak.Value);
        }

        if (peak.Value > Threshold && !looksLikeTWave)
        {
            _signalLevel = (0.125 * peak.Value) + (0.875 * _signalLevel);
            if (peak.Value <= ArtefactRatio * _shapeLevel && RawSpan(peak.Fiducial) <= MaxQrsSpanMv)
            {
                _shape.Learn(_rawRing, peak.Fiducial, _n);
                _shapeLevel = (0.125 * peak.Value) + (0.875 * _shapeLevel);
            }

            AcceptBeat(peak, beats, ref count);
            return;
        }

        _noiseLevel = (0.125 * peak.Value) + (0.875 * _noiseLevel);
        if (_peakCount == MaxPeaks)
        {
            Array.Copy(_peaks, 1, _peaks, 0, MaxPeaks - 1);
            _peakCount--;
        }

        _peaks[_peakCount++] = _levelsLowered ? WithShape(peak) : peak;
    }

    // See MaxQrsSpanMv. Checked in this order so that nearly every peak costs one comparison.
    private bool IsArtefact(Peak peak) =>
        _shape.IsLearnt && peak.Value > ArtefactRatio * ArtefactRatio * _shapeLevel && RawSpan(peak.Fiducial) > MaxQrsSpanMv
        && !(_shape.Match(_rawRing, peak.Fiducial, _n) >= RelearnShapeMatch);

    // Peak-to-peak span of the raw lead within ±CentroidSeconds of `center`, over the part the ring still holds.
    private float RawSpan(long center)
    {
        float lo = float.MaxValue, hi = float.MinValue;
        for (var i = Math.Max(Math.Max(0, _n - _ringMask), center - _align); i <= Math.Min(_n, center + _align); i++)
        {
            var v = _rawRing[(int)(i & _ringMask)];
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        return hi >= lo ? hi - lo : 0;
    }

    // The shape is only needed once a search-back found nothing (see Relearn), so only the peaks kept in such a gap are
    // measured, here, while the raw ring still holds them (with the levels lowered, a peak is classified in the sample
    // step that ends it). Not in MakePeak, which runs for every peak: the call there cost the QRS + AF benchmark several
    // per cent although it was rarely taken (docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Peak WithShape(Peak peak) => peak with { Shape = _shape.Match(_rawRing, peak.Fiducial, _n) };

    // T-wave discrimination (Pan & Tompkins): within 360 ms of a beat, a complex less than half as steep
    // as that beat is its T wave.
    private bool IsTWave(Peak peak, long sinceQrs) => sinceQrs < _twaveLimit && peak.Slope < 0.5f * _lastSlope;

    // A complex in the T-wave window carrying EctopicEnergyRatio times what the T windows of the last eight beats
    // held (their median largest peak), and as many times the noise level, is a premature beat, not a T wave.
    private bool IsEctopic(Peak peak)
    {
        if (_tWaveCount < TWaveMemory / 2)
        {
            return false;
        }

        Span<float> recent = stackalloc float[TWaveMemory];
        _tWaveEnergy.AsSpan(0, _tWaveCount).CopyTo(recent);
        var usual = Median.SortInPlace(recent[.._tWaveCount]);
        return peak.Value > EctopicEnergyRatio * Math.Max(usual, (float)_noiseLevel);
    }

    // Search-back (Pan & Tompkins): when no beat came for 166 % of the average RR interval, the largest
    // noise peak above half the threshold since the last beat is taken as a missed beat, unless it is the
    // last beat's T wave (a tall T wave is the commonest noise peak, so search-back must not pick it).
    private void SearchBack(Span<long> beats, ref int count)
    {
        var best = SearchBackPeak();
        if (best < 0 && _levelsLowered && _n - _lastQrs >= _relearnAfter && Relearn())
        {
            best = SearchBackPeak();
        }

        if (best < 0)
        {
            // Nothing to take back: the beats may have shrunk (lead change, posture) below what the levels
            // learnt from earlier beats allow, so lower both levels and look again one average RR later.
            // Only once per gap: in asystole or a long sinus pause there is nothing to find, and halving
            // again and again would end with baseline noise reported as beats (and no asystole alarm).
            if (!_levelsLowered)
            {
                _signalLevel *= 0.5;
                _noiseLevel *= 0.5;
                _levelsLowered = true;
            }

            _searchBackAt = _n + AverageRr;
            return;
        }

        var found = _peaks[best];
        _signalLevel = (0.25 * found.Value) + (0.75 * _signalLevel);
        var later = _peakCount - best - 1;
        Span<Peak> rest = stackalloc Peak[MaxPeaks];
        _peaks.AsSpan(best + 1, later).CopyTo(rest);
        _peakCount = 0;
        AcceptBeat(found, beats, ref count);
        foreach (var peak in rest[..later])
        {
            Classify(peak, beats, ref count);
        }
    }

    private int SearchBackPeak()
    {
        var best = -1;
        for (var i = 0; i < _peakCount; i++)
        {
            var p = _peaks[i];
            if (p.Index - _lastQrs >= _refractory && p.Value > 0.5 * Threshold && !IsTWave(p, p.Index - _lastQrs) && (best < 0 || p.Value > _peaks[best].Value))
            {
                best = i;
            }
        }

        return best;
    }

    // After RelearnSeconds without a beat, and once lowering the levels found nothing: when at least RelearnMatches
    // of the last RelearnSeconds' peaks have the learnt QRS shape, the beats are still there, only smaller. The signal
    // level becomes their median, the noise level that of the other peaks (at most a quarter of it), as the levels are
    // first learnt. Without the shape test, P waves that go on in a ventricular standstill would be learnt as the
    // beats (their energy overlaps that of a QRS fallen tenfold) and the asystole would go unreported.
    // Before QrsShape.LearningBeats beats were ever learnt there is no shape to test (an artefact during the learning
    // period set levels no QRS reaches): the beats are then the peaks of at least half the size of the
    // RelearnMatches-th largest, so a lone artefact cannot set the level.
    private bool Relearn()
    {
        Span<double> matched = stackalloc double[MaxPeaks];
        Span<double> others = stackalloc double[MaxPeaks];
        var bySize = !_shape.IsLearnt;
        var least = bySize ? 0.5 * LargestRecentPeak(RelearnMatches) : 0;
        if (double.IsNaN(least))
        {
            return false;
        }

        int m = 0, o = 0;
        for (var i = 0; i < _peakCount; i++)
        {
            var p = _peaks[i];
            if (_n - p.Index >= _relearnAfter)
            {
                continue;
            }

            if (bySize ? p.Value >= least : p.Shape >= RelearnShapeMatch)
            {
                matched[m++] = p.Value;
            }
            else
            {
                others[o++] = p.Value;
            }
        }

        if (m < RelearnMatches)
        {
            return false;
        }

        var level = Median.SortInPlace(matched[..m]);
        var noise = o > 0 ? Median.SortInPlace(others[..o]) : 0;
        if (!(level > 2 * noise))
        {
            return false;
        }

        _signalLevel = level;
        _shapeLevel = level;
        _noiseLevel = Math.Min(noise, 0.25 * level);
        return true;
    }

    // The rank-th largest value of the peaks of the last RelearnSeconds; NaN when there are fewer.
    private double LargestRecentPeak(int rank)
    {
        Span<double> values = stackalloc double[MaxPeaks];
        var k = 0;
        for (var i = 0; i < _peakCount; i++)
        {
            if (_n - _peaks[i].Index < _relearnAfter)
            {
                values[k++] = _peaks[i].Value;
            }
        }

        if (k < rank)
        {
            return double.NaN;
        }

        values[..k].Sort();
        return values[k - rank];
    }

    private void ReplacePending(Peak peak)
    {
        if (_lastRrSlot >= 0)
        {
            _rrSum -= _rr[_lastRrSlot];
            _rr[_lastRrSlot] = peak.Index - _beforeLastQrs;
            _rrSum += _rr[_lastRrSlot];
        }

        _pending = peak;
        _lastQrs = peak.Index;
        _lastSlope = peak.Slope;
        _peakCount = 0;
        _searchBackAt = _lastQrs + SearchBackAfter();
    }

    private void EmitPending(Span<long> beats, ref int count)
    {
        _hasPending = false;
        if (_pending.Fiducial > _lastEmitted)
        {
            beats[count++] = _pending.Fiducial;
            _lastEmitted = _pending.Fiducial;
            _positions[_emitted++ % PositionMemory] = (_pending.Fiducial, _pending.Position);
        }
    }

    private void AcceptBeat(Peak peak, Span<long> beats, ref int count)
    {
        if (_hasPending)
        {
            EmitPending(beats, ref count);
        }

        if (_lastQrs >= 0)
        {
            _tWaveEnergy[_tWaveNext] = _tWaveMax;
            _tWaveNext = (_tWaveNext + 1) % TWaveMemory;
            _tWaveCount = Math.Min(TWaveMemory, _tWaveCount + 1);
        }

        _tWaveMax = 0;
        _beforeLastQrs = _lastQrs;
        _lastRrSlot = -1;
        if (_lastQrs >= 0)
        {
            _lastRrSlot = _rrNext;
            var rr = peak.Index - _lastQrs;
            if (_rrCount == _rr.Length)
            {
                _rrSum -= _rr[_rrNext];
            }
            else
            {
                _rrCount++;
            }

            _rr[_rrNext] = rr;
            _rrSum += rr;
            _rrNext = (_rrNext + 1) % _rr.Length;
        }

        _lastQrs = peak.Index;
        _lastSlope = peak.Slope;
        _peakCount = 0;
        _levelsLowered = false;
        _searchBackAt = _lastQrs + SearchBackAfter();
        _pending = peak;
        _hasPending = true;
    }

    private readonly record struct Peak(long Index, float Value, long Fiducial, double Position, float Slope, float Shape);
}
