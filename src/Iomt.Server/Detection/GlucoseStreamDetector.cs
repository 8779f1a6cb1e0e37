using Iomt.Clinical.Glucose;
using Iomt.Storage;

namespace Iomt.Server.Detection;

/// <summary>
/// A CGM stream through <see cref="GlucoseMonitor"/>: threshold alerts, <c>urgent_low_soon</c> and, on the clock,
/// <c>stale</c>. The monitor needs strictly increasing times, so a reading that is not newer than the last one
/// (a late resend or an out-of-order upload) is stored but not analysed.
/// On the clock the data is stale when the newest reading is older than <see cref="GlucoseAlertOptions.StaleAfter"/>
/// by the device's clock, as Nightscout judges it, <em>and</em> nothing has arrived for as long by the server's:
/// a CGM whose clock runs 30 minutes behind keeps sending, and its readings must not look stale the moment they
/// arrive (which would also announce an ongoing low again after every reading).
/// </summary>
internal sealed class GlucoseStreamDetector(StreamKey key) : IStreamDetector
{
    private static readonly TimeSpan StaleAfter = new GlucoseAlertOptions().StaleAfter;
    private readonly GlucoseMonitor _monitor = new();
    private readonly GlucoseAlert[] _alerts = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];
    private DateTimeOffset? _last;
    private DateTimeOffset _lastArrival;

    /// <summary>The forecaster looks back at most 30 minutes (trend and curvature windows, UrgentLowSoonOptions); one hour covers it.</summary>
    public TimeSpan WarmUp => TimeSpan.FromHours(1);

    /// <inheritdoc />
    public void Process(StoredReading reading, List<DetectionEvent> events)
    {
        var m = reading.Measurement;
        if (m.Value is not { } mgDl || (_last is { } last && m.DeviceTime <= last))
        {
            return;
        }

        _last = m.DeviceTime;
        _lastArrival = m.ReceivedTime;
        var count = _monitor.Process(new GlucoseReading(m.DeviceTime, mgDl), _alerts);
        for (var i = 0; i < count; i++)
        {
            var alert = _alerts[i];
            // A stale alert found on a reading is raised by that reading (it ends the gap); others at the reading's time.
            events.Add(new DetectionEvent(key.PatientId, key.DeviceId, alert.Kind.ToWireName(), alert.Time, m.DeviceTime, reading.Sequence));
        }
    }

    /// <inheritdoc />
    public void CheckClock(DateTimeOffset now, TimeSpan quiet, List<DetectionEvent> events)
    {
        if (now - _lastArrival > StaleAfter && _monitor.CheckStale(now, out var stale))
        {
            events.Add(new DetectionEvent(key.PatientId, key.DeviceId, stale.Kind.ToWireName(), stale.Time, now, 0));
        }
    }
}
