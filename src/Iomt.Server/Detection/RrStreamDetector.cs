using Iomt.Clinical.Ecg.Af;
using Iomt.Storage;

namespace Iomt.Server.Detection;

/// <summary>
/// A stream of RR intervals (BLE Heart Rate Measurement 0x2A37, HL7/FHIR MDC_ECG_TIME_PD_RR_GL) through
/// <see cref="RrAfDetector"/> and <see cref="AfEpisodeTracker"/>: <c>af_started</c> once intervals labelled AF add
/// up to 30 s, <c>af_ended</c> once non-AF ones do (short breaks do not reset the sum). Each reading is one interval ending at its device time (the
/// intervals of one BLE notification share the notification's time, which the detector accepts). A gap longer
/// than <see cref="MaxGap"/> (strap off) finishes the pending labels and starts a fresh detector, so intervals
/// from before and after the gap are never compared; an open episode goes on, and the gap counts neither as AF nor as
/// its absence (<see cref="AfEpisodeTracker.Interrupt"/>). A stream from which nothing arrives for
/// <see cref="QuietAfter"/> (server clock) has the labels still waiting for look-ahead decided on what came, so the
/// onset of an episode in a wearable's last minute is not lost when it stops sending for good.
/// </summary>
internal sealed class RrStreamDetector(StreamKey key) : IStreamDetector
{
    /// <summary>Longest gap between intervals of one recording.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long (server clock, since the last interval arrived) a stream is silent before its pending labels are
    /// decided: as long as a gap that ends a recording. Intervals that still come afterwards continue the recording.
    /// </summary>
    public static readonly TimeSpan QuietAfter = MaxGap;

    private readonly AfEpisodeTracker _episodes = new();
    private readonly AfDecision[] _decisions = new AfDecision[RrAfDetector.MaxDecisionsPerAdd];
    private RrAfDetector _detector = new();
    private DateTimeOffset _origin;
    private DateTimeOffset? _last;

    /// <summary>
    /// Enough intervals to label the next one (16 before it) and to re-enter an episode that was open (30 s of AF
    /// after up to 30 s of look-ahead).
    /// </summary>
    public TimeSpan WarmUp => TimeSpan.FromMinutes(3);

    /// <inheritdoc />
    public void Process(StoredReading reading, List<DetectionEvent> events)
    {
        var m = reading.Measurement;
        if (m.Value is not { } rr || (_last is { } last && m.DeviceTime < last))
        {
            return;
        }

        if (_last is null)
        {
            _origin = m.DeviceTime;
        }
        else if (m.DeviceTime - _last.Value > MaxGap)
        {
            Emit(_detector.Flush(_decisions), m.DeviceTime, reading.Sequence, events);
            _detector = new RrAfDetector();
            _episodes.Interrupt();
        }

        _last = m.DeviceTime;
        Emit(_detector.Add((m.DeviceTime - _origin).TotalSeconds, rr, _decisions), m.DeviceTime, reading.Sequence, events);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Events decided here are raised at the last interval's time, as at the end of a file (and as the waveform
    /// streams do when they go quiet), with source sequence 0: no reading raised them.
    /// </remarks>
    public void CheckClock(DateTimeOffset now, TimeSpan quiet, List<DetectionEvent> events)
    {
        if (quiet > QuietAfter && _last is { } last)
        {
            Emit(_detector.Flush(_decisions), last, 0, events);
        }
    }

    private void Emit(int count, DateTimeOffset raisedAt, long sequence, List<DetectionEvent> events)
    {
        for (var i = 0; i < count; i++)
        {
            if (_episodes.Add(_decisions[i]) is { } onset)
            {
                var kind = AfEventKinds.Of(_episodes.InEpisode);
                events.Add(new DetectionEvent(key.PatientId, key.DeviceId, kind, MillisecondTime.At(_origin, onset), raisedAt, sequence));
            }
        }
    }
}
