using Iomt.Clinical.Ecg.Qrs;

namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Keeps the last seconds of an ECG lead filtered for atrial activity and cuts out, for a beat, the stretch
/// before its QRS where the P wave lies (PR interval 120–200 ms, P wave up to 120 ms: the P wave occupies
/// about 300 to 80 ms before the R wave). The stretch is resampled to <see cref="Points"/> values on a fixed
/// time grid, so windows compare across sampling rates, and its straight-line trend is removed (baseline
/// wander). Filtering is causal, so the following QRS cannot leak into the window.
/// </summary>
public sealed class AtrialActivityBuffer
{
    /// <summary>Values per window.</summary>
    public const int Points = 24;

    /// <summary>Start of the window before the R wave, in seconds.</summary>
    public const double WindowStartSeconds = 0.300;

    /// <summary>
    /// End of the window before the R wave, in seconds: keeps the QRS onset (up to ~60 ms before the R wave
    /// in wide beats, plus fiducial-point jitter) out, because a QRS edge is locked to the beat in every rhythm.
    /// </summary>
    public const double WindowEndSeconds = 0.100;

    /// <summary>
    /// Upper normal corrected QT interval in seconds (Bazett QTc = QT/√RR ≤ 0.46 s): the previous beat's
    /// T wave ends by 0.46·√RR after it, and the part of the window before that is left out.
    /// </summary>
    public const double QtcSeconds = 0.46;

    /// <summary>Half-width of the search for the QRS peak around a given beat, in seconds.</summary>
    public const double AlignSeconds = 0.050;

    /// <summary>High-pass corner of the atrial-activity filter in hertz.</summary>
    public const double HighPassHz = 0.3;

    /// <summary>How far back a beat can lie and still be measured (beats found by search-back arrive late).</summary>
    public const double HistorySeconds = 8.0;

    private readonly double _fs;
    private readonly float[] _ring;
    private readonly int _mask;
    private Biquad _highPass, _lowPass, _notch50, _notch60;
    private long _n;

    /// <summary>Creates a buffer for a lead sampled at <paramref name="samplingFrequency"/> Hz.</summary>
    public AtrialActivityBuffer(double samplingFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingFrequency, 50);
        _fs = samplingFrequency;
        var length = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling((HistorySeconds + 1) * samplingFrequency));
        _ring = new float[length];
        _mask = length - 1;

        // Up to 15 Hz keeps P and f waves (most energy 3–10 Hz) and removes muscle noise. The high-pass
        // corner stays low: a 1–2 Hz corner rings after every QRS and T wave, and that ringing is locked to
        // the previous beat, so it made AF windows resemble each other (measured, docs/validation/ecg.md);
        // the slow drift left is removed by detrending each window.
        // Mains hum at 50 or 60 Hz is notched out first: a second-order low-pass at 15 Hz still passes a tenth of it,
        // enough to decorrelate the P waves (with 0 dB of 50 Hz added to MIT-BIH, the false AF over 27 records went from
        // 2.2 % to 18.8 % of the non-AF intervals). The notches (Q 10) leave the 0.3–15 Hz band as it was.
        _highPass = Biquad.HighPass(HighPassHz, samplingFrequency);
        _lowPass = Biquad.LowPass(15, samplingFrequency);
        _notch50 = Biquad.Notch(50, samplingFrequency, 10);
        _notch60 = Biquad.Notch(60, samplingFrequency, 10);
    }

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen => _n;

    /// <summary>Consumes <paramref name="samples"/> (physical units).</summary>
    public void Append(ReadOnlySpan<float> samples)
    {
        foreach (var x in samples)
        {
            _ring[_n & _mask] = _lowPass.Next(_notch60.Next(_notch50.Next(_highPass.Next(x))));
            _n++;
        }
    }

    /// <summary>
    /// Writes the detrended window before the QRS of the beat detected at sample <paramref name="rSample"/>
    /// into <paramref name="window"/> (length <see cref="Points"/>), timed from the QRS energy centroid within
    /// ±<see cref="AlignSeconds"/>; points that fall inside the T wave of the previous beat (at
    /// <paramref name="previousRSample"/>) are set to zero. False when that stretch (or the signal up to
    /// <see cref="AlignSeconds"/> after the beat) is not, or no longer, in the buffer, or when the T wave
    /// covers more than half of the window (fast rates).
    /// </summary>
    public bool TryExtract(long rSample, long previousRSample, Span<float> window)
    {
        if (window.Length != Points)
        {
            throw new ArgumentException($"window needs {Points} entries", nameof(window));
        }

        // Beat fiducials from a QRS detector wander by a few tens of milliseconds from beat to beat; that
        // alone blurs P waves between windows. Anchor the window on the energy centroid of the filtered
        // lead within ±50 ms of the given beat instead: the same point of a stable QRS in every beat, and
        // unlike the largest peak it does not jump between R and S waves of similar size.
        var half = (long)Math.Round(AlignSeconds * _fs);
        if (rSample + half >= _n || _n - (rSample - half) > _ring.Length || rSample - half < 0)
        {
            return false;
        }

        double energy = 0, moment = 0;
        for (var i = -half; i <= half; i++)
        {
            double v = _ring[(rSample + i) & _mask];
            energy += v * v;
            moment += i * v * v;
        }

        var anchor = energy > 0 ? rSample + (moment / energy) : rSample;
        var start = anchor - (WindowStartSeconds * _fs);
        var end = anchor - (WindowEndSeconds * _fs);
        if (start < 0 || Math.Ceiling(end) >= _n || _n - Math.Floor(start) > _ring.Length)
        {
            return false;
        }

        var step = (end - start) / (Points - 1);
        for (var i = 0; i < Points; i++)
        {
            var t = start + (i * step);
            var i0 = (long)Math.Floor(t);
            var f = (float)(t - i0);
            var a = _ring[i0 & _mask];
            var b = _ring[(i0 + 1) & _mask];
            window[i] = a + (f * (b - a));
        }

        // The previous T wave is locked to the previous beat: in an irregular rhythm it would blur the
        // P wave, and at a fixed fast rate it would pass for one.
        var rr = Math.Max(0, rSample - previousRSample) / _fs;
        var tEnd = previousRSample + (QtcSeconds * Math.Sqrt(rr) * _fs);
        var firstValid = Math.Max(0, (int)Math.Ceiling((tEnd - start) / step));
        if (firstValid > Points / 2)
        {
            return false;
        }

        Detrend(window[firstValid..]);
        window[..firstValid].Clear();
        return true;
    }

    // Least-squares line through the points, subtracted.
    private static void Detrend(Span<float> w)
    {
        double mean = 0, meanX = (w.Length - 1) / 2.0, sxy = 0, sxx = 0;
        foreach (var v in w)
        {
            mean += v;
        }

        mean /= w.Length;
        for (var i = 0; i < w.Length; i++)
        {
            sxy += (i - meanX) * (w[i] - mean);
            sxx += (i - meanX) * (i - meanX);
        }

        var slope = sxy / sxx;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = (float)(w[i] - mean - (slope * (i - meanX)));
        }
    }
}
