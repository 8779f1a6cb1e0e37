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
internal sealed class EcgLeadStream : ChunkStream
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
    private float _lastValue;
    private long _lastBeat = -1;

    public EcgLeadStream(WaveformChunk first)
        : base(first)
    {
        _qrs = new QrsDetector(Rate);
        _atrial = new AtrialActivityBuffer(Rate);
    }

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
        Advance(values.Length);
        var findings = new EcgFindings();
        for (var i = 0; i < count; i++)
        {
            var beat = beats[i];
            if (_lastBeat >= 0)
            {
                var rr = (beat - _lastBeat) / Rate;
                findings.Intervals.Add((MillisecondTime.At(Origin, beat / Rate), rr));
                var measured = _atrial.TryExtract(beat, _lastBeat, _window);
                var n = _af.Add(beat / Rate, rr, measured ? _window : [], _decisions);
                for (var k = 0; k < n; k++)
                {
                    if (_episodes.Add(_decisions[k]) is { } onset)
                    {
                        findings.Changes.Add((_episodes.InEpisode, MillisecondTime.At(Origin, onset), MillisecondTime.At(Origin, beat / Rate)));
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
