using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;

namespace Iomt.Storage;

/// <summary>
/// Durable waveform chunks (ECG leads, pleth, acceleration...) as the transports decoded them: raw samples with
/// their gain, offset and rate. (device, code, start time) identifies a chunk: a resent chunk is not stored twice.
/// </summary>
public interface IWaveformStore
{
    /// <summary>Stores the chunks in one transaction; returns how many were new. When the task completes they are durable.</summary>
    Task<int> AppendWaveformsAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken);

    /// <summary>A device's chunks of one code that start in [<paramref name="from"/>, <paramref name="to"/>), in start order.</summary>
    Task<IReadOnlyList<WaveformChunk>> GetDeviceWaveformsAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// A device's latest chunk of one code that starts before <paramref name="before"/>, of channel 0 (every signal has
    /// one); null when there is none. Where the device's stored waveform before a time ends, however long ago.
    /// </summary>
    Task<WaveformChunk?> GetLatestDeviceWaveformBeforeAsync(string deviceId, ObservationCode code, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Where and how long a device's channel-0 chunks of one code that start in [<paramref name="from"/>,
    /// <paramref name="to"/>) are, in start order, without their samples: enough to find the holes in what it sent.
    /// </summary>
    Task<IReadOnlyList<WaveformSpan>> GetDeviceWaveformSpansAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>A patient's chunks (all devices; optionally one code) that start in [<paramref name="from"/>, <paramref name="to"/>), in start order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WaveformChunk>> GetPatientWaveformsAsync(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// For every device with a chunk of <paramref name="code"/> starting at or after <paramref name="since"/>: the start of
    /// its latest such chunk, in device order.
    /// </summary>
    Task<IReadOnlyList<(string DeviceId, DateTimeOffset Start)>> GetLatestWaveformStartsAsync(ObservationCode code, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>A stored chunk's place in time: its start, rate and number of samples.</summary>
/// <param name="Start">Time of the first sample.</param>
/// <param name="SampleRateHz">Samples per second.</param>
/// <param name="Samples">How many samples it holds.</param>
public readonly record struct WaveformSpan(DateTimeOffset Start, double SampleRateHz, int Samples)
{
    /// <summary>
    /// When the sample after the last one is due; the latest representable time when that is later (a chunk stamped at
    /// the end of time, or at a rate of a sample a century).
    /// </summary>
    public DateTimeOffset End => Samples / SampleRateHz is var seconds && seconds < (DateTimeOffset.MaxValue - Start).TotalSeconds
        ? Start + TimeSpan.FromSeconds(seconds)
        : DateTimeOffset.MaxValue;
}
