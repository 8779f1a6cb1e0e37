using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Server.Ingestion;
using Iomt.Server.Metrics;
using Iomt.Server.Waveforms;
using Iomt.Storage.Sqlite;
using Iomt.TestSupport;

namespace Iomt.Server.Tests.Waveforms;

public sealed class EcgBeatExtractorTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(new SqliteStoreOptions { DataDirectory = _data.Path });
        await _store.MigrateAsync(default);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _data.Dispose();

    // Two minutes of MIT-BIH 100, lead MLII, as 10-s chunks of lead II from one device.
    private static List<WaveformChunk> Chunks()
    {
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        return [.. Enumerable.Range(0, 12).Select(i => record.ToChunk(0, i * 3600, 3600, "holter-1", "p-1", ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i)))];
    }

    private StoringWaveformSink Sink(IReadingIngestor ingestor) =>
        new(_store, new EcgBeatExtractor(_store, ingestor, _store, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System), new MotionExtractor(_store, _store, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System));

    [Fact]
    public async Task A_failed_ingestion_leaves_the_chunk_to_its_resend_and_no_beat_is_lost()
    {
        var chunks = Chunks();
        // Reference: every chunk once, in order, nothing failing.
        var reference = new RecordingIngestor();
        var referenceSink = new StoringWaveformSink(new NullWaveformStore(), new EcgBeatExtractor(new NullWaveformStore(), reference, _store, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System), new MotionExtractor(new NullWaveformStore(), _store, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System));
        foreach (var chunk in chunks)
        {
            await referenceSink.StoreAsync("test", [chunk], default);
        }

        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var chunk in chunks[..6])
        {
            await sink.StoreAsync("test", [chunk], default);
        }

        // The store fails while chunk 6's beats are ingested: the sender gets an error and resends the chunk.
        ingestor.FailNext = new InvalidOperationException("commit failed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.StoreAsync("test", [chunks[6]], default));
        foreach (var chunk in chunks[6..])
        {
            await sink.StoreAsync("test", [chunk], default);
        }

        static IEnumerable<string> Ids(RecordingIngestor i) => i.Stored.Select(r => r.Measurement!.MessageId);
        Assert.True(reference.Stored.Count > 100, $"{reference.Stored.Count} intervals");
        Assert.Equal(Ids(reference), Ids(ingestor));
        Assert.All(ingestor.Stored, r => Assert.Equal(Storage.ReadingMarks.Derived, r.Marks));
    }

    /// <summary>A waveform store that keeps nothing: the reference run analyses every chunk exactly once, in order.</summary>
    private sealed class NullWaveformStore : Storage.IWaveformStore
    {
        public Task<int> AppendWaveformsAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken) => Task.FromResult(chunks.Count);

        public Task<IReadOnlyList<WaveformChunk>> GetDeviceWaveformsAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WaveformChunk>>([]);

        public Task<IReadOnlyList<WaveformChunk>> GetPatientWaveformsAsync(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WaveformChunk>>([]);

        public Task<IReadOnlyList<(string DeviceId, DateTimeOffset Start)>> GetLatestWaveformStartsAsync(ObservationCode code, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(string, DateTimeOffset)>>([]);
    }
}
