using System.Collections.Concurrent;
using Iomt.Core.Measurements;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The analysis state of each device's waveform stream, used one request at a time per device. When the work of a
/// request fails, its stream is dropped: the sender gets no acknowledgement and resends, and the resent chunks must
/// not look like overlaps of a stream that moved past them; the next chunk starts a new stream (with a warm-up).
/// </summary>
internal sealed class DeviceStreams<TStream>
    where TStream : ChunkStream
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> on the device's slot, alone.</summary>
    public async Task RunAsync(string deviceId, Func<Slot, Task> work, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(deviceId, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await work(slot).ConfigureAwait(false);
        }
        catch
        {
            slot.Stream = null;
            throw;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>One device's state.</summary>
    internal sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The code analysed for the device (e.g. its ECG lead), once chosen.</summary>
        public ObservationCode? Code { get; set; }

        /// <summary>The current run, or null before the first chunk and after a failure.</summary>
        public TStream? Stream { get; set; }
    }
}
