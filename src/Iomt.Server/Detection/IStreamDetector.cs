using Iomt.Storage;

namespace Iomt.Server.Detection;

/// <summary>
/// The state of one <see cref="StreamKey"/>: an <c>Iomt.Clinical</c> detector fed the stream's readings in commit
/// order, turning what it raises into <see cref="DetectionEvent"/>s.
/// </summary>
internal interface IStreamDetector
{
    /// <summary>How much of the stream's history (device time) rebuilds the detector's state after a restart.</summary>
    TimeSpan WarmUp { get; }

    /// <summary>Consumes a reading of the stream; adds the events it raises to <paramref name="events"/>.</summary>
    void Process(StoredReading reading, List<DetectionEvent> events);

    /// <summary>
    /// Clock-driven checks at <paramref name="now"/> (e.g. stale data, or a stream gone quiet for
    /// <paramref name="quiet"/>, server clock, since its last reading arrived); adds what they raise.
    /// </summary>
    void CheckClock(DateTimeOffset now, TimeSpan quiet, List<DetectionEvent> events);
}
