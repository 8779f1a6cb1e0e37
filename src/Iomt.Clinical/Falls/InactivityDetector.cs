namespace Iomt.Clinical.Falls;

/// <summary>
/// Streaming "no movement for too long" detector: the stream is cut into fixed blocks; a block is still
/// when each axis, low-pass filtered at <see cref="InactivityDetectorOptions.LowPassHz"/>, varies less than
/// <see cref="InactivityDetectorOptions.StillRangeG"/> (the sensor's own noise, whose raw range grows with the rate, does
/// not count as movement). One event is
/// raised when the still time reaches <see cref="InactivityDetectorOptions.MaxStillS"/>, at that moment,
/// and no other until movement resumes. A gap of more than <see cref="InactivityDetectorOptions.MaxGapS"/> between
/// samples is no observation: the still time pauses over it (or restarts, when the sensor lies otherwise after it), so a
/// sensor taken off for the night raises nothing while a link that drops for a few seconds now and then delays the event
/// by as much. Works at any sampling rate; state is a few numbers.
/// </summary>
public sealed class InactivityDetector
{
    private readonly InactivityDetectorOptions _options;
    private bool _inBlock;
    private double _blockStart;
    private double _minX, _maxX, _minY, _maxY, _minZ, _maxZ;
    private double _stillSince = double.NaN, _stillFrom = double.NaN;
    private bool _raised;
    private double _lastTime = double.NaN, _x, _y, _z;
    private double _alphaInterval = double.NaN, _alpha;

    /// <summary>Creates the detector.</summary>
    public InactivityDetector(InactivityDetectorOptions? options = null) => _options = options ?? new InactivityDetectorOptions();

    /// <summary>
    /// A detector in the same state, its times moved by <paramref name="shiftS"/>: one stream's stillness carried into
    /// another that times its samples from another origin (the server's runs of one device). This one is left as it is.
    /// </summary>
    public InactivityDetector Copy(double shiftS)
    {
        var copy = (InactivityDetector)MemberwiseClone();
        copy._blockStart += shiftS;
        copy._stillSince += shiftS;
        copy._stillFrom += shiftS;
        copy._lastTime += shiftS;
        return copy;
    }

    /// <summary>
    /// When the running still time began (the start of its first still block; gaps it paused over do not move it); NaN
    /// while the wearer moves.
    /// </summary>
    public double StillFromS => _stillFrom;

    /// <summary>Consumes one sample; true when an inactivity event is raised now, at <paramref name="timeS"/>.</summary>
    public bool Add(double timeS, double ax, double ay, double az)
    {
        var raised = false;
        if (_inBlock && timeS - _lastTime > _options.MaxGapS)
        {
            // Nothing is known of the wearer over a gap: the block it cuts is judged on what it holds, and the still
            // time pauses for the gap's length rather than counting it, unless the sensor lies otherwise after it (a
            // change of posture, which is movement).
            raised = EndBlock(_lastTime);
            var turned = Math.Abs(ax - _x) >= _options.StillRangeG || Math.Abs(ay - _y) >= _options.StillRangeG || Math.Abs(az - _z) >= _options.StillRangeG;
            _stillSince = turned ? double.NaN : _stillSince + (timeS - _lastTime);
            _stillFrom = turned ? double.NaN : _stillFrom;
            _raised = !turned && _raised;
            _inBlock = false;
        }

        // First-order low-pass on the actual sample interval, so uneven times and any rate filter alike; it starts
        // from the first sample after a gap, as from the first sample of all.
        if (_inBlock)
        {
            var interval = Math.Max(0, timeS - _lastTime);
            if (interval != _alphaInterval)
            {
                // Evenly sampled streams repeat their interval: the exponential is taken once.
                (_alphaInterval, _alpha) = (interval, 1 - Math.Exp(-2 * Math.PI * _options.LowPassHz * interval));
            }

            var alpha = _alpha;
            (_x, _y, _z) = (_x + (alpha * (ax - _x)), _y + (alpha * (ay - _y)), _z + (alpha * (az - _z)));
        }
        else
        {
            (_x, _y, _z) = (ax, ay, az);
        }

        _lastTime = timeS;
        if (!_inBlock)
        {
            StartBlock(timeS);
            return raised;
        }

        if (timeS - _blockStart >= _options.BlockS)
        {
            raised |= EndBlock(timeS);
            StartBlock(timeS);
            return raised;
        }

        _minX = Math.Min(_minX, _x);
        _maxX = Math.Max(_maxX, _x);
        _minY = Math.Min(_minY, _y);
        _maxY = Math.Max(_maxY, _y);
        _minZ = Math.Min(_minZ, _z);
        _maxZ = Math.Max(_maxZ, _z);
        return false;
    }

    // Judges the block ending at `timeS`: movement resets the still time, stillness starts it if it was not running.
    private bool EndBlock(double timeS)
    {
        var still = _maxX - _minX < _options.StillRangeG && _maxY - _minY < _options.StillRangeG && _maxZ - _minZ < _options.StillRangeG;
        if (!still)
        {
            _stillSince = double.NaN;
            _stillFrom = double.NaN;
            _raised = false;
        }
        else if (double.IsNaN(_stillSince))
        {
            _stillSince = _blockStart;
            _stillFrom = _blockStart;
        }

        return CheckRaise(timeS);
    }

    private bool CheckRaise(double timeS)
    {
        if (_raised || double.IsNaN(_stillSince) || timeS - _stillSince < _options.MaxStillS)
        {
            return false;
        }

        _raised = true;
        return true;
    }

    private void StartBlock(double timeS)
    {
        _inBlock = true;
        _blockStart = timeS;
        _minX = _maxX = _x;
        _minY = _maxY = _y;
        _minZ = _maxZ = _z;
    }
}
