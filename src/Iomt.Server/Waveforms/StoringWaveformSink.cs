using Iomt.Core.Waveforms;
using Iomt.Server.Ingestion;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The server's <see cref="IWaveformSink"/>: stores the chunks durably, then analyses them: ECG leads
/// (<see cref="EcgBeatExtractor"/>) and tri-axial acceleration (<see cref="MotionExtractor"/>). The transport
/// acknowledges only after all of it, so a chunk whose analysis failed is resent by its sender and analysed then.
/// </summary>
public sealed class StoringWaveformSink(IWaveformStore store, EcgBeatExtractor ecg, MotionExtractor motion) : IWaveformSink
{
    /// <inheritdoc />
    public async Task StoreAsync(string source, IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        await store.AppendWaveformsAsync(chunks, cancellationToken).ConfigureAwait(false);
        await ecg.AnalyseAsync(chunks, cancellationToken).ConfigureAwait(false);
        await motion.AnalyseAsync(chunks, cancellationToken).ConfigureAwait(false);
    }
}
