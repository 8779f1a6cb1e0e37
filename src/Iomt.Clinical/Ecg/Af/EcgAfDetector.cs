namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Atrial fibrillation detector that uses the ECG as well as the RR intervals: AF is an irregular ventricular
/// rhythm without P waves. The RR irregularity comes from <see cref="RrAfDetector"/> (same window, same
/// delay); the atrial side is the consistency of the stretch before each QRS (<see cref="AtrialActivityBuffer"/>):
/// in sinus rhythm — with or without ectopic beats, in atrial bigeminy, flutter with fixed conduction — most
/// beats are preceded by the same P wave, so each window correlates with the average of the windows around it;
/// in AF the fibrillatory waves are not locked to the QRS and the correlation is near zero. P-wave absence
/// as an AF feature: Ladavich &amp; Ghoraani 2015 (Biomed Signal Process Control 18:274); combining it with
/// RR irregularity: Couceiro et al. 2008 (IEEE EMBC), Babaeizadeh et al. 2009 (J Electrocardiol 42:522).
/// Our score per window is the median, over its beats, of the correlation of a beat's window with the sum of
/// the others (leave-one-out, so a beat never matches itself); the median lets a minority of ectopic beats
/// without a P wave pass. Broadband noise (muscle, electrode motion) inside the atrial band lowers that correlation in
/// any rhythm, so a noisy sinus rhythm would look like one without P waves: each correlation is corrected for the noise
/// measured in 20–40 Hz over the same stretch (<see cref="AtrialActivityBuffer.TryExtract"/>), by Spearman's
/// correction for attenuation, r / √(reliability of the beat's window × reliability of the sum of the others), the
/// reliability being the share of a window's energy not due to noise and the correction at most a doubling
/// (<see cref="MinimumReliability"/>). Decision: AF when the RR irregularity exceeds <see cref="IrregularityThreshold"/>
/// and the P-wave score is below <see cref="PWaveThreshold"/>. Because P waves guard against the irregular
/// non-AF rhythms, the irregularity threshold is lower than the RR-only one (which catches slower, less
/// irregular AF). When fewer than <see cref="MinimumWindows"/> windows could be measured (fast rates, where
/// the T wave covers the P-wave window, or a lost signal) the RR-only decision stands.
/// Both thresholds were chosen with a leave-one-record-out check (docs/validation/ecg.md).
/// </summary>
public sealed class EcgAfDetector
{
    /// <summary>Median leave-one-out correlation at or above which P waves are taken as present.</summary>
    public const double PWaveThreshold = 0.75;

    /// <summary>Median RR irregularity (as in <see cref="RrAfDetector"/>) above which a window without P waves is AF.</summary>
    public const double IrregularityThreshold = 0.0175;

    /// <summary>Measured windows needed for a P-wave score.</summary>
    public const int MinimumWindows = 8;

    /// <summary>
    /// Least reliability (share of a window's energy not due to noise) the P-wave correlation is corrected for: at most a
    /// doubling. Where noise is stronger still, f waves that happen to line up with the beats would pass for P waves.
    /// </summary>
    public const double MinimumReliability = 0.25;

    private const int Capacity = 64;
    private const int Mask = Capacity - 1;
    private const int Points = AtrialActivityBuffer.Points;

    private readonly RrAfDetector _rr = new();
    private readonly float[] _windows = new float[Capacity * Points];
    private readonly float[] _noise = new float[Capacity];
    private readonly bool[] _measured = new bool[Capacity];
    private readonly double[] _time = new double[Capacity];
    private readonly AfDecision[] _inner = new AfDecision[RrAfDetector.MaxDecisionsPerAdd];
    private readonly float[] _sum = new float[Points];
    private readonly double[] _scores = new double[(2 * RrAfDetector.HalfWindow) + 1];
    private long _received;

    /// <summary>Largest number of decisions one <see cref="Add"/> can return.</summary>
    public static int MaxDecisionsPerAdd => RrAfDetector.MaxDecisionsPerAdd;

    /// <summary>
    /// Adds the interval <paramref name="rrSeconds"/> ending at <paramref name="timeSeconds"/>, with the
    /// atrial window before the beat that ends it and the noise energy expected in it (<see cref="AtrialActivityBuffer.TryExtract"/>;
    /// an empty window when not measured), and writes the labels that became final into <paramref name="decisions"/>; returns how many.
    /// </summary>
    public int Add(double timeSeconds, double rrSeconds, ReadOnlySpan<float> atrialWindow, float noiseEnergy, Span<AfDecision> decisions)
    {
        if (decisions.Length < MaxDecisionsPerAdd)
        {
            throw new ArgumentException($"decisions needs room for {MaxDecisionsPerAdd} entries", nameof(decisions));
        }

        var slot = (int)(_received & Mask);
        _measured[slot] = atrialWindow.Length == Points;
        if (_measured[slot])
        {
            atrialWindow.CopyTo(_windows.AsSpan(slot * Points, Points));
            _noise[slot] = noiseEnergy;
        }

        _time[slot] = timeSeconds;
        _received++;
        var n = _rr.Add(timeSeconds, rrSeconds, _inner);
        for (var i = 0; i < n; i++)
        {
            decisions[i] = Decide(_inner[i]);
        }

        return n;
    }

    /// <summary>At the end of the input, labels the intervals still waiting for look-ahead; returns how many.</summary>
    public int Flush(Span<AfDecision> decisions)
    {
        var n = _rr.Flush(decisions);
        for (var i = 0; i < n; i++)
        {
            decisions[i] = Decide(decisions[i]);
        }

        return n;
    }

    private AfDecision Decide(AfDecision rr)
    {
        var score = PWaveScore(rr.Index);
        var isAf = double.IsNaN(score) ? rr.IsAf : rr.Irregularity > IrregularityThreshold && score < PWaveThreshold;
        return rr with { IsAf = isAf, PWaveScore = score };
    }

    // Same window as the RR decision: 16 intervals before, up to 16 after and none ending over 30 s later.
    private double PWaveScore(long k)
    {
        var from = Math.Max(Math.Max(0, k - RrAfDetector.HalfWindow), _received - Capacity);
        var to = Math.Min(k + RrAfDetector.HalfWindow, _received - 1);
        var t = _time[k & Mask];
        Array.Clear(_sum);
        var count = 0;
        double noise = 0;
        for (var j = from; j <= to; j++)
        {
            if (Usable(j, t))
            {
                var w = _windows.AsSpan((int)(j & Mask) * Points, Points);
                for (var i = 0; i < Points; i++)
                {
                    _sum[i] += w[i];
                }

                noise += _noise[j & Mask];
                count++;
            }
        }

        if (count < MinimumWindows)
        {
            return double.NaN;
        }

        var n = 0;
        for (var j = from; j <= to; j++)
        {
            if (Usable(j, t))
            {
                _scores[n++] = LeaveOneOutCorrelation(_windows.AsSpan((int)(j & Mask) * Points, Points), _noise[j & Mask], noise);
            }
        }

        return Median.SortInPlace(_scores.AsSpan(0, n));
    }

    private bool Usable(long j, double t) => _measured[j & Mask] && _time[j & Mask] - t <= RrAfDetector.MaxLookAheadSeconds;

    private double LeaveOneOutCorrelation(ReadOnlySpan<float> w, double ownNoise, double windowNoise)
    {
        double dot = 0, ww = 0, oo = 0;
        for (var i = 0; i < Points; i++)
        {
            double other = _sum[i] - w[i];
            dot += w[i] * other;
            ww += w[i] * (double)w[i];
            oo += other * other;
        }

        if (!(ww > 0 && oo > 0))
        {
            return 0;
        }

        // Correction for attenuation (Spearman): noise uncorrelated with everything else scales a correlation by
        // √(reliability) of each side, the share of its energy that is not noise.
        var reliability = Math.Max(0, 1 - (ownNoise / ww)) * Math.Max(0, 1 - ((windowNoise - ownNoise) / oo));
        return Math.Min(1, dot / Math.Sqrt(ww * oo * Math.Max(MinimumReliability, reliability)));
    }
}
