using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Core.Waveforms;
using Iomt.Protocols.Fhir.Mapping;
using Iomt.Server.Detection;

namespace Iomt.Server.Waveforms;

/// <summary>
/// One contiguous run of an ECG lead through the streaming detectors that <c>iomt analyze ecg</c> uses: the
/// <see cref="QrsDetector"/>, and the <see cref="EcgAfDetector"/> (RR irregularity and absent P waves, from the
/// <see cref="AtrialActivityBuffer"/>) followed by the <see cref="AfEpisodeTracker"/> (30-s minimum episode).
/// Beats are sample numbers from the run's first sample, turned into times rounded to whole milliseconds so that a
/// beat or an onset found again after a restart gets the same time and identity. Samples marked invalid in FHIR
/// SampledData (E, L, U) repeat the last valid value.
/// </summary>
internal sealed class EcgLeadStream
{
    /// <summary>
    /// Stored history replayed into a new stream: the AF detector's 16 intervals before a decision and an episode's
    /// 30 s, after up to 30 s of look-ahead; also covers the QRS detector's learning period.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(3);

    private readonly QrsDetector _qrs;
    private readonly AtrialActivityBuffer _atrial;
    private readonly EcgAfDetector _af = new();
    private readonly AfEpisodeTracker _episodes = new();
    private readonly AfDecision[] _decisions = new AfDecision[EcgAfDetector.MaxDecisionsPerAdd];
    private readonly float[] _window = new float[AtrialActivityBuffer.Points];
    private readonly DateTimeOffset _origin;
    private readonly double _rate;
    private long _samples;
    private float _lastValue;
    private long _lastBeat = -1;

    public EcgLeadStream(WaveformChunk first)
    {
        ArgumentNullException.ThrowIfNull(first);
        _rate = first.SampleRateHz;
        _origin = first.Start;
        _qrs = new QrsDetector(_rate);
        _atrial = new AtrialActivityBuffer(_rate);
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

    /// <summary>Feeds the chunk; returns the RR intervals it completed and the AF episode changes that became final.</summary>
    public EcgFindings Add(WaveformChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var values = new float[chunk.Samples.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (chunk.Samples[i] is not (SampledDataMarkers.Error or SampledDataMarkers.BelowLowerLimit or SampledDataMarkers.AboveUpperLimit))
            {
                _lastValue = (float)chunk.PhysicalValue(i);
            }

            values[i] = _lastValue;
        }

        _atrial.Append(values);
        var beats = new long[_qrs.MaxBeatsPerChunk(values.Length)];
        var count = _qrs.Process(values, beats);
        _samples += values.Length;
        var findings = new EcgFindings();
        for (var i = 0; i < count; i++)
        {
            var beat = beats[i];
            if (_lastBeat >= 0)
            {
                var rr = (beat - _lastBeat) / _rate;
                findings.Intervals.Add((MillisecondTime.At(_origin, beat / _rate), rr));
                var measured = _atrial.TryExtract(beat, _lastBeat, _window);
                var n = _af.Add(beat / _rate, rr, measured ? _window : [], _decisions);
                for (var k = 0; k < n; k++)
                {
                    if (_episodes.Add(_decisions[k]) is { } onset)
                    {
                        findings.Changes.Add((_episodes.InEpisode, MillisecondTime.At(_origin, onset), MillisecondTime.At(_origin, beat / _rate)));
                    }
                }
            }

            _lastBeat = beat;
        }

        return findings;
    }
}

/// <summary>What one chunk completed: RR intervals (time of the beat that ends each, seconds) and AF episode changes.</summary>
internal sealed class EcgFindings
{
    public List<(DateTimeOffset Time, double RrSeconds)> Intervals { get; } = [];

    public List<(bool Started, DateTimeOffset Onset, DateTimeOffset Raised)> Changes { get; } = [];
}
