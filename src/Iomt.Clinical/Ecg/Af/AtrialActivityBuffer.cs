using System.Collections.Concurrent;
using Iomt.Clinical.Ecg.Qrs;

namespace Iomt.Clinical.Ecg.Af;

/// <summary>
/// Keeps the last seconds of an ECG lead filtered for atrial activity and cuts out, for a beat, the stretch
/// before its QRS where the P wave lies (PR interval 120–200 ms, P wave up to 120 ms: the P wave occupies
/// about 300 to 80 ms before the R wave, and up to 350 ms before it with the PR interval of about 0.3 s of a
/// first-degree AV block). The stretch is resampled to <see cref="Points"/> values on a fixed
/// time grid, so windows compare across sampling rates, and its straight-line trend is removed (baseline
/// wander). Filtering is causal, so the following QRS cannot leak into the window.
/// </summary>
public sealed class AtrialActivityBuffer
{
    /// <summary>Values per window.</summary>
    public const int Points = 24;

    /// <summary>
    /// Start of the window before the R wave, in seconds: the P wave of a PR interval up to about 0.3 s lies inside it,
    /// and most of one up to about 0.38 s (0.300 until 2026-11-23: a first-degree AV block then looked like AF).
    /// </summary>
    public const double WindowStartSeconds = 0.350;

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

    /// <summary>Lower corner of the band in which broadband noise is measured, in hertz (above the P and f waves).</summary>
    public const double NoiseBandLowHz = 20;

    /// <summary>Upper corner of the noise band in hertz (below mains, and below the 40 Hz many Holter recorders pass).</summary>
    public const double NoiseBandHighHz = 40;

    // Computed once per sampling rate: a server runs many leads at the same few rates. Bounded, so that devices sending
    // ever new rates cannot grow it: past MaxCachedRates a rate's table is computed for its buffer alone.
    private const int MaxCachedRates = 64;
    private static readonly ConcurrentDictionary<double, double[]> NoiseEnergyByRate = new();

    private readonly double _fs;
    private readonly float[] _ring;
    private readonly float[] _noiseRing;
    private readonly int _mask;
    private readonly double[] _noiseEnergyPerVariance;
    private Filters _filters;
    private long _n;

    /// <summary>Creates a buffer for a lead sampled at <paramref name="samplingFrequency"/> Hz.</summary>
    public AtrialActivityBuffer(double samplingFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingFrequency, 50);
        _fs = samplingFrequency;
        var length = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling((HistorySeconds + 1) * samplingFrequency));
        _ring = new float[length];
        _noiseRing = new float[length];
        _mask = length - 1;
        _filters = new Filters(samplingFrequency);
        _noiseEnergyPerVariance = NoiseEnergyByRate.TryGetValue(samplingFrequency, out var cached) ? cached
            : NoiseEnergyByRate.Count < MaxCachedRates ? NoiseEnergyByRate.GetOrAdd(samplingFrequency, NoiseEnergyPerVariance)
            : NoiseEnergyPerVariance(samplingFrequency);
    }

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen => _n;

    /// <summary>Consumes <paramref name="samples"/> (physical units).</summary>
    public void Append(ReadOnlySpan<float> samples)
    {
        foreach (var x in samples)
        {
            _ring[_n & _mask] = _filters.Next(x, out _noiseRing[_n & _mask]);
            _n++;
        }
    }

    /// <summary>
    /// Writes the detrended window before the QRS of the beat detected at sample <paramref name="rSample"/>
    /// into <paramref name="window"/> (length <see cref="Points"/>), timed from the QRS energy centroid within
    /// ±<see cref="AlignSeconds"/>; points that fall inside the T wave of the previous beat (at
    /// <paramref name="previousRSample"/>) are set to zero. False when that stretch (or the signal up to
    /// <see cref="AlignSeconds"/> after the beat) is not, or no longer, in the buffer, or when the T wave
    /// covers more than half of the window (fast rates). <paramref name="noiseEnergy"/> is the energy that broadband
    /// noise at the level measured over the same stretch in 20–40 Hz is expected to contribute to the window.
    /// </summary>
    public bool TryExtract(long rSample, long previousRSample, Span<float> window, out float noiseEnergy)
    {
        noiseEnergy = 0;
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

        // Mean square of the noise band over the same stretch, as a white-noise level, times the energy such noise leaves
        // in a detrended window with this many points.
        var from = (long)Math.Ceiling(start + (firstValid * step));
        var to = (long)Math.Floor(end);
        double sum = 0;
        for (var i = from; i <= to; i++)
        {
            double v = _noiseRing[i & _mask];
            sum += v * v;
        }

        noiseEnergy = to >= from ? (float)(sum / (to - from + 1) * _noiseEnergyPerVariance[firstValid]) : 0;
        return true;
    }

    /// <summary>
    /// For white noise of unit variance at the input, the expected energy it leaves in a window whose first f points are
    /// masked (index f), divided by the noise band's output variance; so a measured mean square of the noise band times
    /// this gives the window's expected noise energy. Exact for the filters used: the atrial band's autocorrelation comes
    /// from its impulse response, and detrending, which removes much of the band's slow noise, is a projection whose
    /// effect on a covariance is computed, not assumed. Neglected: the interpolation between samples, which smooths the
    /// noise a little when the rate is low (the estimate runs about 5 % high at 128 Hz, within 3 % from 250 Hz up).
    /// </summary>
    private static double[] NoiseEnergyPerVariance(double fs)
    {
        var filters = new Filters(fs);
        var n = (int)(20 * fs);
        var band = new double[n];
        double noiseGain = 0;
        for (var i = 0; i < n; i++)
        {
            band[i] = filters.Next(i == 0 ? 1f : 0f, out var z);
            noiseGain += (double)z * z;
        }

        var step = (WindowStartSeconds - WindowEndSeconds) * fs / (Points - 1);
        var lags = (int)Math.Ceiling((Points - 1) * step) + 1;
        var autocorrelation = new double[lags + 1];
        for (var k = 0; k <= lags; k++)
        {
            for (var i = 0; i + k < n; i++)
            {
                autocorrelation[k] += band[i] * band[i + k];
            }
        }

        var energy = new double[(Points / 2) + 1];
        for (var masked = 0; masked < energy.Length; masked++)
        {
            energy[masked] = DetrendedEnergy(Points - masked, d => Interpolate(autocorrelation, d * step)) / noiseGain;
        }

        return energy;
    }

    // E‖P x‖² = trace(P C) for x of covariance C(i, j) = c(|i − j|) over v points, P removing the least-squares line.
    private static double DetrendedEnergy(int v, Func<int, double> c)
    {
        double trace = 0, s0 = 0, s1 = 0, sxx = 0, meanX = (v - 1) / 2.0;
        for (var i = 0; i < v; i++)
        {
            trace += c(0);
            for (var j = 0; j < v; j++)
            {
                var cij = c(Math.Abs(i - j));
                s0 += cij;
                s1 += (i - meanX) * cij * (j - meanX);
            }

            sxx += (i - meanX) * (i - meanX);
        }

        // The line's basis (1, i − mean) is orthogonal: trace(P C) = trace(C) − 1ᵀC1 / v − xᵀCx / xᵀx.
        return trace - (s0 / v) - (s1 / sxx);
    }

    private static double Interpolate(double[] values, double at)
    {
        var i = (int)Math.Floor(at);
        return i + 1 < values.Length ? values[i] + ((at - i) * (values[i + 1] - values[i])) : values[^1];
    }

    /// <summary>
    /// The atrial-activity band and, from the same notched signal, the noise band. Up to 15 Hz keeps P and f waves
    /// (most energy 3–10 Hz) and removes most muscle noise. The high-pass corner stays low: a 1–2 Hz corner rings
    /// after every QRS and T wave, and that ringing is locked to the previous beat, so it made AF windows resemble
    /// each other (measured, docs/validation/ecg.md); the slow drift left is removed by detrending each window.
    /// Mains hum at 50 or 60 Hz is notched out first: a second-order low-pass at 15 Hz still passes a tenth of it,
    /// enough to decorrelate the P waves (with 0 dB of 50 Hz added to MIT-BIH, the false AF over 27 records went from
    /// 2.2 % to 18.8 % of the non-AF intervals). The notches (Q 10) leave the 0.3–15 Hz band as it was.
    /// Broadband noise (muscle, electrode motion) also lies inside the atrial band, where it cannot be told from atrial
    /// activity; it is measured where P and f waves have almost no energy, 20–40 Hz.
    /// </summary>
    private struct Filters(double fs)
    {
        private Biquad _highPass = Biquad.HighPass(HighPassHz, fs);
        private Biquad _notch50 = Biquad.Notch(50, fs, 10);
        private Biquad _notch60 = Biquad.Notch(60, fs, 10);
        private Biquad _lowPass = Biquad.LowPass(15, fs);
        private Biquad _noiseHighPass = Biquad.HighPass(NoiseBandLowHz, fs);
        private Biquad _noiseLowPass = Biquad.LowPass(NoiseBandHighHz, fs);

        public float Next(float x, out float noise)
        {
            var notched = _notch60.Next(_notch50.Next(_highPass.Next(x)));
            noise = _noiseLowPass.Next(_noiseHighPass.Next(notched));
            return _lowPass.Next(notched);
        }
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
