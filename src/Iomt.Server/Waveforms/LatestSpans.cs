using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// What the waveform extractors resume at a start (<see cref="MotionExtractor.ResumeRecentRunsAsync"/>,
/// <see cref="EcgBeatExtractor.ResumeRecentRunsAsync"/>): each recently active device's latest stored span, analysed
/// again as if it had just arrived, so that what its run left pending in the previous process is not lost.
/// </summary>
internal static class LatestSpans
{
    /// <summary>
    /// Devices whose latest span began within this long before the server clock are resumed; it is the time after which a
    /// silent device's state is dropped anyway (<see cref="DeviceStreams{TStream}.IdleAfter"/>).
    /// </summary>
    public static readonly TimeSpan ResumeWithin = DeviceStreams<ChunkStream>.IdleAfter;

    /// <summary>
    /// For every device whose latest chunk of one of <paramref name="codes"/> starts within <see cref="ResumeWithin"/>
    /// before <paramref name="now"/>: the chunks (all channels) that start at that time, per code. One index lookup per
    /// code (<see cref="IWaveformStore.GetLatestWaveformStartsAsync"/>), then one per device found.
    /// </summary>
    public static async Task<List<WaveformChunk>> LatestSpansAsync(this IWaveformStore store, IEnumerable<ObservationCode> codes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spans = new List<WaveformChunk>();
        foreach (var code in codes)
        {
            foreach (var (device, start) in await store.GetLatestWaveformStartsAsync(code, now - ResumeWithin, cancellationToken).ConfigureAwait(false))
            {
                // [start, start + 1 µs): the chunks of that span only, at the stores' time resolution.
                spans.AddRange(await store.GetDeviceWaveformsAsync(device, code, start, start + TimeSpan.FromMicroseconds(1), cancellationToken).ConfigureAwait(false));
            }
        }

        return spans;
    }
}
