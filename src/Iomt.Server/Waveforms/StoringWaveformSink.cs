using Iomt.Core.Waveforms;
using Iomt.Server.Ingestion;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The server's <see cref="IWaveformSink"/>: stores the chunks durably, then derives beat-to-beat RR intervals from
/// ECG leads (<see cref="EcgBeatExtractor"/>). The transport acknowledges only after both, so a chunk whose beats
/// were not yet ingested is resent by its sender and analysed then.
/// </summary>
public sealed class StoringWaveformSink(IWaveformStore store, EcgBeatExtractor ecg) : IWaveformSink
{
    /// <inheritdoc />
    public async Task StoreAsync(string source, IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        await store.AppendWaveformsAsync(chunks, cancellationToken).ConfigureAwait(false);
        await ecg.AnalyseAsync(chunks, cancellationToken).ConfigureAwait(false);
    }
}
