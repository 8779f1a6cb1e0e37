namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Atrial fibrillation detector on RR intervals alone (ECG beats or BLE Heart Rate Measurement 0x2A37 RR
/// values). Structure after Petrėnas, Marozas &amp; Sörnmo 2015 (Comput Biol Med 65:184): per interval an
/// irregularity that tolerates ectopic beats and suppresses bigeminy, normalised by the local heart rate,
/// then a robust (median) decision over a short window. Our variant: irregularity of interval k is
/// min over j = 1..4 of |r[k] − r[k−j]|, divided by median(r[k−8..k]): a regular rhythm, and any repeating
/// ectopic pattern of period ≤ 4 (bigeminy, trigeminy, quadrigeminy — coupling intervals of ectopics are
/// nearly constant), has an equal interval among the last four, while AF intervals are unrelated to each
/// other (the match idea of sample entropy / COSEn, Lake &amp; Moorman 2011). Interval k is AF when the
/// median irregularity over the 16 intervals before it, itself and up to 16 after it, expressed as a change
/// of heart rate (divided by the window's median RR interval), exceeds <see cref="ThresholdBpm"/>.
/// Intervals outside 0.2–3 s are treated as artefacts and left out of the medians; a window with fewer than
/// <see cref="MinimumIrregularities"/> measurable intervals is non-AF. A window whose RR changes follow an
/// oscillation, as in respiratory sinus arrhythmia, is never AF, however large the changes
/// (<see cref="MaximumSameDirection"/>, <see cref="MaximumOppositeTwoOn"/>).
/// Delay: the label of an interval uses at most the 16 intervals after it and never an interval ending
/// more than 30 s after it, so it is known at the latest 30 s (or 16 beats) later.
/// </summary>
public sealed class RrAfDetector
{
    /// <summary>Intervals looked at before and after the one being labelled.</summary>
    public const int HalfWindow = 16;

    /// <summary>Largest look-ahead in seconds.</summary>
    public const double MaxLookAheadSeconds = 30;

    /// <summary>
    /// Threshold on the window's median irregularity expressed as a heart-rate change, in beats per minute:
    /// 60 · irregularity / median RR (s). Irregularities are RR differences relative to the RR interval;
    /// dividing once more by the RR interval turns them into differences of the instantaneous heart rate
    /// (Δ(60/r) ≈ 60·Δr/r²), so at the same relative irregularity a faster rhythm scores higher. AF usually
    /// conducts fast, while sinus rhythm keeps its largest relative variability (respiratory sinus
    /// arrhythmia, ectopy with compensatory pauses) at slow rates; the heart rate is a detection feature in
    /// Petrėnas et al. 2015 (signal fusion) and Zhou et al. 2015 (instantaneous heart-rate sequence).
    /// 2.1 bpm = 0.02625 relative irregularity at 80 bpm, chosen by a leave-one-record-out check on
    /// MIT-BIH (docs/validation/ecg.md).
    /// </summary>
    public const double ThresholdBpm = 2.1;

    /// <summary>
    /// Earlier intervals an interval is compared with: a repeating ectopic pattern of period up to four
    /// (bigeminy, trigeminy, quadrigeminy) always finds an equal interval within this many.
    /// </summary>
    public const int Lags = 4;

    /// <summary>
    /// Measurable irregularities a window needs before it can be called AF: a handful of RR differences (a very short
    /// upload, a stretch of artefacts) is no evidence of AF, so such a window is labelled non-AF.
    /// </summary>
    public const int MinimumIrregularities = 8;

    /// <summary>
    /// Largest share of consecutive pairs of RR changes on a side of the window (the changes into the 16 intervals before
    /// the one labelled and into it, or into it and the intervals after it) that go on in the same direction (both longer,
    /// or both shorter) for that side to count as random: the turning-point test of randomness (Kendall &amp; Stuart). AF
    /// intervals are nearly unrelated to each other, and in a series of independent intervals a third of the pairs go on
    /// (two of three consecutive changes turn back), with a standard deviation of about 0.10 over a side's 17 pairs. A
    /// window is AF only if a side counts as random.
    /// Respiratory sinus arrhythmia turns only twice a breath, so with N beats a breath 1 − 2/N of the pairs go on: 60 %
    /// at 5 beats, 80 % at 10. Its RR changes are large in young people (RR 0.8–1.0 s over a breath is common at rest),
    /// and without this test a breath of 6 s with that swing was called AF (docs/validation/ecg.md). An ectopic beat
    /// turns back twice, so a few of them in sinus arrhythmia do not hide it, and they cannot make AF look smooth.
    /// </summary>
    public const double MaximumSameDirection = 0.55;

    /// <summary>
    /// Largest share of RR changes on a side of the window whose sign is opposite to the change two beats before, for that
    /// side to count as random. Independent intervals give independent changes two beats apart: half of them opposite,
    /// standard deviation about 0.14 over a side. An oscillation of N beats a cycle (N ≥ 4) gives 4/N opposite: 91 % at
    /// 4.4 beats (a breath of 4 s at 67 /min), where too few pairs go on for <see cref="MaximumSameDirection"/>. Below 4
    /// beats it gives 2 − 4/N. Together the two tests cover breaths of about 3.4 beats and more. An alternation of short and long intervals (common in AF) gives
    /// few.
    /// </summary>
    public const double MaximumOppositeTwoOn = 0.8;

    private const int RateWindow = 9;
    private const int Capacity = 64;
    private const int Mask = Capacity - 1;

    private readonly double[] _rr = new double[Capacity];
    private readonly double[] _time = new double[Capacity];
    private readonly double[] _irregularity = new double[Capacity];
    private long _received;
    private long _decided;
    private double _lastTime = double.NegativeInfinity;

    /// <summary>Intervals received so far.</summary>
    public long Received => _received;

    /// <summary>Largest number of decisions one <see cref="Add"/> can return.</summary>
    public static int MaxDecisionsPerAdd => HalfWindow + 1;

    /// <summary>
    /// Adds the interval <paramref name="rrSeconds"/> ending at <paramref name="timeSeconds"/> and writes the
    /// labels that became final into <paramref name="decisions"/> (in input order); returns how many.
    /// Times must not decrease.
    /// </summary>
    public int Add(double timeSeconds, double rrSeconds, Span<AfDecision> decisions)
    {
        if (decisions.Length < MaxDecisionsPerAdd)
        {
            throw new ArgumentException($"decisions needs room for {MaxDecisionsPerAdd} entries", nameof(decisions));
        }

        if (!(timeSeconds >= _lastTime))
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "interval times must not decrease");
        }

        // Decide the intervals whose look-ahead would reach past 30 s with this one.
        var count = 0;
        while (_decided < _received && timeSeconds - _time[_decided & Mask] > MaxLookAheadSeconds)
        {
            decisions[count++] = Decide(_decided, _received - 1);
            _decided++;
        }

        var k = _received;
        _rr[k & Mask] = rrSeconds;
        _time[k & Mask] = timeSeconds;
        _irregularity[k & Mask] = Irregularity(k);
        _lastTime = timeSeconds;
        _received++;
        while (_decided < _received && _received - 1 - _decided >= HalfWindow)
        {
            decisions[count++] = Decide(_decided, _decided + HalfWindow);
            _decided++;
        }

        return count;
    }

    /// <summary>At the end of the input, labels the intervals still waiting for look-ahead; returns how many.</summary>
    public int Flush(Span<AfDecision> decisions)
    {
        var count = 0;
        while (_decided < _received && count < decisions.Length)
        {
            decisions[count++] = Decide(_decided, _received - 1);
            _decided++;
        }

        return count;
    }

    private static bool IsPlausible(double rr) => rr is >= 0.2 and <= 3.0;

    private double Irregularity(long k)
    {
        var rr = _rr[k & Mask];
        if (!IsPlausible(rr) || k < 2)
        {
            return double.NaN;
        }

        Span<double> recent = stackalloc double[RateWindow];
        var n = 0;
        for (var j = Math.Max(0, k - RateWindow + 1); j <= k; j++)
        {
            var v = _rr[j & Mask];
            if (IsPlausible(v))
            {
                recent[n++] = v;
            }
        }

        var scale = Median.SortInPlace(recent[..n]);
        var best = double.PositiveInfinity;
        for (var j = 1; j <= Lags && j <= k; j++)
        {
            var rj = _rr[(k - j) & Mask];
            if (!IsPlausible(rj))
            {
                return double.NaN;
            }

            best = Math.Min(best, Math.Abs(rr - rj));
        }

        return best / scale;
    }

    private AfDecision Decide(long k, long last)
    {
        Span<double> window = stackalloc double[(2 * HalfWindow) + 1];
        Span<double> intervals = stackalloc double[(2 * HalfWindow) + 1];
        int n = 0, m = 0;
        for (var j = Math.Max(0, k - HalfWindow); j <= last; j++)
        {
            var v = _irregularity[j & Mask];
            if (!double.IsNaN(v))
            {
                window[n++] = v;
            }

            var rr = _rr[j & Mask];
            if (IsPlausible(rr))
            {
                intervals[m++] = rr;
            }
        }

        var irregularity = n >= MinimumIrregularities ? Median.SortInPlace(window[..n]) : double.NaN;
        // Every measurable irregularity is of a plausible interval, so m ≥ n here.
        var isAf = n >= MinimumIrregularities && 60 * irregularity / Median.SortInPlace(intervals[..m]) > ThresholdBpm
            && !FollowsAnOscillation(k, last);
        return new AfDecision(k, _time[k & Mask], isAf, irregularity);
    }

    // True when the RR changes follow an oscillation on both sides of interval k: the changes into intervals k − 16 to k,
    // and into k to the last one looked ahead, each side judged alone. A side with too few changes to judge (near the
    // start or the end of the input) is left to the other, and when neither side has enough (an upload of 10–15
    // intervals) the whole window is judged. So a window half in a smooth sinus rhythm and half in AF is not taken for an
    // oscillation, and AF that begins after a smooth rhythm is labelled where it would be without the test.
    private bool FollowsAnOscillation(long k, long last)
    {
        var before = Oscillates(k - HalfWindow, k);
        var after = Oscillates(k, last);
        return before is null && after is null ? Oscillates(k - HalfWindow, last) ?? false : (before ?? true) && (after ?? true);
    }

    // Null with fewer than 8 pairs of consecutive changes; else whether most of them go on in the same direction, or
    // nearly every change is opposite to the one two beats before, among the changes into intervals from to last. A zero
    // change (equal intervals, common on a coarse clock) goes on in no direction and opposes nothing: it counts against
    // an oscillation.
    private bool? Oscillates(long from, long last)
    {
        int same = 0, pairs = 0, opposite = 0, twoOn = 0;
        for (var j = Math.Max(2, from); j <= last; j++)
        {
            var change = Change(j);
            var previous = Change(j - 1);
            if (!double.IsNaN(change) && !double.IsNaN(previous))
            {
                pairs++;
                same += change * previous > 0 ? 1 : 0;
            }

            var twoBefore = j >= 3 ? Change(j - 2) : double.NaN;
            if (!double.IsNaN(change) && !double.IsNaN(twoBefore))
            {
                twoOn++;
                opposite += change * twoBefore < 0 ? 1 : 0;
            }
        }

        return pairs < MinimumIrregularities ? null
            : same > MaximumSameDirection * pairs || (twoOn >= MinimumIrregularities && opposite > MaximumOppositeTwoOn * twoOn);
    }

    // The change from interval j − 1 to interval j; NaN when either is implausible.
    private double Change(long j)
    {
        double before = _rr[(j - 1) & Mask], rr = _rr[j & Mask];
        return IsPlausible(before) && IsPlausible(rr) ? rr - before : double.NaN;
    }
}
