using Iomt.Clinical.Ecg.Qrs;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Server.Detection;

namespace Iomt.Server.Waveforms;

/// <summary>
/// One contiguous run of an ECG lead through a <see cref="QrsDetector"/>: beats are sample numbers from the run's
/// first sample, turned into times (whole milliseconds, so that a beat found again after a restart gets the same
/// time and message id) and into RR intervals between consecutive beats. Samples marked invalid in FHIR
/// SampledData (E, L, U) repeat the last valid value.
/// </summary>
internal sealed class EcgLeadStream
{
    /// <summary>Stored history replayed into a new stream: the detector's learning period and a few beats.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    private readonly QrsDetector _qrs;
    private readonly DateTimeOffset _origin;
    private readonly double _rate;
    private long _samples;
    private float _lastValue;
    private DateTimeOffset? _lastBeat;

    public EcgLeadStream(WaveformChunk first)
    {
        ArgumentNullException.ThrowIfNull(first);
        _rate = first.SampleRateHz;
        _origin = first.Start;
        _qrs = new QrsDetector(_rate);
    }

    /// <summary>True when <paramref name="next"/> starts where <paramref name="previous"/> ends (within half a sample), at the same rate.</summary>
    public static bool IsContiguous(WaveformChunk previous, WaveformChunk next) =>
        previous.SampleRateHz == next.SampleRateHz
        && Math.Abs((next.Start - previous.Start).TotalSeconds - (previous.Samples.Length / previous.SampleRateHz)) <= 0.5 / previous.SampleRateHz;

    /// <summary>True when <paramref name="chunk"/> starts where this stream ends.</summary>
    public bool Continues(WaveformChunk chunk) => chunk.SampleRateHz == _rate && Math.Abs((chunk.Start - End).TotalSeconds) <= 0.5 / _rate;

    /// <summary>True when <paramref name="chunk"/> starts before this stream's end (a resend, or overlapping data).</summary>
    public bool Overlaps(WaveformChunk chunk) => chunk.SampleRateHz == _rate && (End - chunk.Start).TotalSeconds > 0.5 / _rate;

    private DateTimeOffset End => _origin + TimeSpan.FromSeconds(_samples / _rate);

    /// <summary>Feeds the chunk; returns the RR intervals (time of the beat that ends each, seconds) completed by it.</summary>
    public List<(DateTimeOffset Time, double RrSeconds)> Add(WaveformChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var values = new float[chunk.Samples.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = chunk.Samples[i];
            if (raw is not (SampledDataMarkers.Error or SampledDataMarkers.BelowLowerLimit or SampledDataMarkers.AboveUpperLimit))
            {
                _lastValue = (float)chunk.PhysicalValue(i);
            }

            values[i] = _lastValue;
        }

        var beats = new long[_qrs.MaxBeatsPerChunk(values.Length)];
        var count = _qrs.Process(values, beats);
        _samples += values.Length;
        var intervals = new List<(DateTimeOffset, double)>(count);
        for (var i = 0; i < count; i++)
        {
            var time = MillisecondTime.At(_origin, beats[i] / _rate);
            if (_lastBeat is { } last)
            {
                intervals.Add((time, (time - last).TotalSeconds));
            }

            _lastBeat = time;
        }

        return intervals;
    }
}
