namespace Iomt.Clinical.Ecg.Qrs;

/// <summary>
/// The shape of the recent QRS complexes in the raw lead, with its size taken out: a running average of the beats'
/// stretches around their fiducial point, each with its least-squares line removed and scaled to unit energy. A
/// stretch's <see cref="Match"/> is its best correlation with that template over small shifts, so it says whether a
/// complex looks like the patient's QRS whatever its amplitude. <see cref="QrsDetector"/> uses it to learn its levels
/// again after the lead's amplitude fell (a loosening electrode, a gain change) without taking P waves or noise for
/// the fallen beats. State is two fixed arrays; nothing is allocated after construction.
/// </summary>
internal sealed class QrsShape
{
    /// <summary>Beats averaged before the template is used; afterwards each beat weighs 1/8.</summary>
    public const int LearningBeats = 8;

    private readonly float[] _template, _stretch;
    private readonly int _half, _maxShift;
    private readonly double _center, _sumSquaredOffsets;
    private int _learned;

    /// <summary>A template of 2·<paramref name="halfWidth"/> + 1 samples, matched at shifts up to ±<paramref name="maxShift"/>.</summary>
    public QrsShape(int halfWidth, int maxShift)
    {
        _half = halfWidth;
        _maxShift = maxShift;
        _template = new float[(2 * halfWidth) + 1];
        _stretch = new float[_template.Length];
        _center = halfWidth;
        for (var i = 0; i < _template.Length; i++)
        {
            _sumSquaredOffsets += (i - _center) * (i - _center);
        }
    }

    /// <summary>Whether <see cref="LearningBeats"/> beats were learnt, so <see cref="Match"/> answers.</summary>
    public bool IsLearnt => _learned >= LearningBeats;

    /// <summary>Samples a stretch needs past its center; the ring must hold this many samples after any center asked about.</summary>
    public int Reach => _half + _maxShift;

    /// <summary>
    /// Adds the stretch of <paramref name="ring"/> (length a power of two, <paramref name="newest"/> its latest
    /// sample number) centered on sample <paramref name="center"/> to the template; ignored when the ring no longer
    /// holds it or it is flat.
    /// </summary>
    public void Learn(float[] ring, long center, long newest)
    {
        if (!Extract(ring, center, newest))
        {
            return;
        }

        var weight = _learned < LearningBeats ? 1.0f / (_learned + 1) : 1.0f / LearningBeats;
        for (var i = 0; i < _template.Length; i++)
        {
            _template[i] += weight * (_stretch[i] - _template[i]);
        }

        _learned++;
    }

    /// <summary>
    /// The largest correlation (−1 to 1) of the stretches centered within ±maxShift of <paramref name="center"/>
    /// with the template; NaN before <see cref="LearningBeats"/> beats were learnt or when the ring no longer holds
    /// the stretch.
    /// </summary>
    public float Match(float[] ring, long center, long newest)
    {
        if (!IsLearnt)
        {
            return float.NaN;
        }

        double templateEnergy = 0;
        foreach (var v in _template)
        {
            templateEnergy += v * (double)v;
        }

        if (!(templateEnergy > 0))
        {
            return float.NaN;
        }

        var best = float.NaN;
        for (var shift = -_maxShift; shift <= _maxShift; shift++)
        {
            if (!Extract(ring, center + shift, newest))
            {
                continue;
            }

            double dot = 0;
            for (var i = 0; i < _template.Length; i++)
            {
                dot += _stretch[i] * (double)_template[i];
            }

            var r = (float)(dot / Math.Sqrt(templateEnergy));
            best = float.IsNaN(best) ? r : Math.Max(best, r);
        }

        return best;
    }

    // The stretch centered on `center`, least-squares line removed, scaled to unit energy, into _stretch.
    private bool Extract(float[] ring, long center, long newest)
    {
        var mask = ring.Length - 1;
        var from = center - _half;
        var to = center + _half;
        if (from < 0 || to > newest || newest - from > mask)
        {
            return false;
        }

        double sum = 0, moment = 0;
        for (var i = 0; i < _stretch.Length; i++)
        {
            double v = ring[(int)((from + i) & mask)];
            sum += v;
            moment += (i - _center) * v;
        }

        var mean = sum / _stretch.Length;
        var slope = moment / _sumSquaredOffsets;
        double energy = 0;
        for (var i = 0; i < _stretch.Length; i++)
        {
            var v = ring[(int)((from + i) & mask)] - mean - (slope * (i - _center));
            _stretch[i] = (float)v;
            energy += v * v;
        }

        if (!(energy > 0))
        {
            return false;
        }

        var scale = (float)(1 / Math.Sqrt(energy));
        for (var i = 0; i < _stretch.Length; i++)
        {
            _stretch[i] *= scale;
        }

        return true;
    }
}
