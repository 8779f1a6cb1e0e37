using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;

namespace Iomt.Clinical.Ecg;

/// <summary>
/// The streaming ECG analysis of one lead, shared by <c>iomt analyze ecg</c> and the server: the
/// <see cref="QrsDetector"/>, and for each RR interval the <see cref="EcgAfDetector"/>, which needs both an irregular
/// rhythm and absent P waves (from the <see cref="AtrialActivityBuffer"/>). It takes samples in millivolts as they arrive,
/// in chunks of any length, and keeps bounded state: memory does not grow with the recording.
/// </summary>
public sealed class EcgLeadAnalyzer
{
    /// <summary>Longest piece the detectors are given at once (about a second and a half at 360 Hz).</summary>
    public const int PieceLength = 512;

    private readonly QrsDetector _qrs;
    private readonly AtrialActivityBuffer _atrial;
    private readonly EcgAfDetector _af = new();
    private readonly long[] _beats;
    private readonly AfDecision[] _decisions = new AfDecision[EcgAfDetector.MaxDecisionsPerAdd];
    private readonly float[] _window = new float[AtrialActivityBuffer.Points];
    private long _lastBeat = -1;

    /// <summary>Creates the analysis of a lead sampled at <paramref name="samplingFrequency"/> Hz (50 Hz or more).</summary>
    public EcgLeadAnalyzer(double samplingFrequency)
    {
        _qrs = new QrsDetector(samplingFrequency);
        _atrial = new AtrialActivityBuffer(samplingFrequency);
        _beats = new long[_qrs.MaxBeatsPerChunk(PieceLength)];
    }

    /// <summary>Samples per second.</summary>
    public double SamplingFrequency => _qrs.SamplingFrequency;

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen => _qrs.SamplesSeen;

    /// <summary>Consumes <paramref name="millivolts"/>; tells <paramref name="sink"/> the beats and AF labels they completed.</summary>
    public void Process(ReadOnlySpan<float> millivolts, IEcgLeadSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        for (var start = 0; start < millivolts.Length; start += PieceLength)
        {
            var piece = millivolts.Slice(start, Math.Min(PieceLength, millivolts.Length - start));
            _atrial.Append(piece);
            OnBeats(_beats.AsSpan(0, _qrs.Process(piece, _beats)), sink);
        }
    }

    /// <summary>
    /// The recording ended: reports the beat the QRS detector still held and labels the intervals still waiting for the
    /// AF detector's look-ahead.
    /// </summary>
    public void End(IEcgLeadSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Span<long> beats = stackalloc long[2];
        OnBeats(beats[.._qrs.Flush(beats)], sink);
        DecidePending(sink);
    }

    /// <summary>
    /// Labels the intervals still waiting for the AF detector's look-ahead on the beats found so far, raised at the last
    /// beat. The analysis can go on: later samples are analysed as if nothing happened, and the labels given here are not
    /// given again.
    /// </summary>
    public void DecidePending(IEcgLeadSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var raisedAt = Math.Max(0, _lastBeat);
        int n;
        while ((n = _af.Flush(_decisions)) > 0)
        {
            for (var k = 0; k < n; k++)
            {
                sink.OnAfDecision(_decisions[k], raisedAt);
            }
        }
    }

    private void OnBeats(ReadOnlySpan<long> beats, IEcgLeadSink sink)
    {
        var rate = _qrs.SamplingFrequency;
        foreach (var beat in beats)
        {
            sink.OnBeat(beat, _qrs.PositionOf(beat));
            if (_lastBeat >= 0)
            {
                var measured = _atrial.TryExtract(beat, _lastBeat, _window, out var noise);
                var n = _af.Add(beat / rate, (beat - _lastBeat) / rate, measured ? _window : [], noise, _decisions);
                for (var k = 0; k < n; k++)
                {
                    sink.OnAfDecision(_decisions[k], beat);
                }
            }

            _lastBeat = beat;
        }
    }
}
