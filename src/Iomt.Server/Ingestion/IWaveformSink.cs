using Iomt.Core.Waveforms;

namespace Iomt.Server.Ingestion;

/// <summary>
/// Where transports hand decoded waveform chunks (FHIR SampledData, device streams). Optional: when no sink is
/// registered, transports report the chunks as received but not stored.
/// </summary>
public interface IWaveformSink
{
    /// <summary>Stores <paramref name="chunks"/> from <paramref name="source"/>; completes when durable.</summary>
    Task StoreAsync(string source, IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken);
}
