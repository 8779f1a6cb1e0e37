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

    // `count` 10-s chunks of MIT-BIH 100 from minute 0, lead II, chunk i stamped `start(i)`, one request each.
    private async Task<RecordingIngestor> SendAsync(int count, Func<int, DateTimeOffset> start, string device = "holter-2")
    {
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        for (var i = 0; i < count; i++)
        {
            await sink.StoreAsync("test", [record.ToChunk(0, i * 3600, 3600, device, "p-2", ObservationCode.Mdc("131330"), start(i))], default);
        }

        return ingestor;
    }

    // The readings' ids in id order: chunk boundaries decide when a heart-rate window is reported, not what it holds.
    private static IEnumerable<string> Ids(RecordingIngestor ingestor) => ingestor.Stored.Select(r => r.Measurement!.MessageId).Order(StringComparer.Ordinal);

    private static int Count(RecordingIngestor ingestor, string kind) => ingestor.Stored.Count(r => r.Measurement!.MessageId.StartsWith(kind + ":", StringComparison.Ordinal));

    [Theory]
    [InlineData(100, -1)]
    [InlineData(-100, -1)]
    [InlineData(0, 6)]
    public async Task A_device_clock_drifting_from_the_sampling_clock_or_one_chunk_stamped_3_ms_early_keeps_one_run(double ppm, int earlyChunk)
    {
        // Ten minutes in 10-s chunks. A device's clock drifts by tens of ppm from its sampling clock, and stamps are
        // rounded: continuity within ChunkStream.Tolerance keeps one run, so no chunk is skipped as a "resend" and no
        // clock-aligned heart-rate or HRV window restarts.
        var exact = await SendAsync(60, i => T0.AddSeconds(10 * i));
        var skewed = await SendAsync(60, i => T0.AddSeconds(10 * i * (1 + (ppm * 1e-6))).AddMilliseconds(i == earlyChunk ? -3 : 0));

        Assert.InRange(Count(exact, "rr"), 700, 800);
        Assert.InRange(Count(skewed, "rr"), Count(exact, "rr") - 1, Count(exact, "rr"));
        Assert.InRange(Count(skewed, "hr"), Count(exact, "hr") - 1, Count(exact, "hr"));
        Assert.Equal(Count(exact, "sdnn"), Count(skewed, "sdnn"));
    }

    [Fact]
    public async Task A_resend_with_other_chunk_boundaries_has_its_new_samples_analysed()
    {
        // 0–10 s, 10–20 s, then 15–25 s (half of it sent before), 25–35 s, …: the same beats as regular chunks.
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        var regular = await SendAsync(12, i => T0.AddSeconds(10 * i), "holter-3");
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var from in (int[])[0, 3600, 5400, 9000, 12600, 16200, 19800, 23400, 27000, 30600, 34200, 37800, 39600])
        {
            var length = Math.Min(3600, 43200 - from);
            await sink.StoreAsync("test", [record.ToChunk(0, from, length, "holter-3", "p-2", ObservationCode.Mdc("131330"), T0.AddSeconds(from / 360.0))], default);
        }

        Assert.Equal(Ids(regular), Ids(ingestor));
    }

    [Fact]
    public async Task A_chunk_stored_by_a_request_not_yet_analysed_is_analysed_by_the_next_one_and_not_again()
    {
        // Two requests of one device at once: chunk 5's request has stored it but waits for the device's gate while
        // chunk 6's request analyses. Chunk 6's request finds chunk 5 in the store and analyses it first; chunk 5's
        // request then finds it analysed.
        var chunks = Chunks();
        var reference = await SendAsync(12, i => T0.AddSeconds(10 * i), "holter-1");
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var chunk in chunks[..5])
        {
            await sink.StoreAsync("test", [chunk], default);
        }

        await _store.AppendWaveformsAsync([chunks[5]], default);
        await sink.StoreAsync("test", [chunks[6]], default);
        await sink.StoreAsync("test", [chunks[5]], default);
        foreach (var chunk in chunks[7..])
        {
            await sink.StoreAsync("test", [chunk], default);
        }

        Assert.Equal(Ids(reference), Ids(ingestor));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(5, 3)]
    [InlineData(1, 1)]
    public async Task A_chunk_that_arrives_after_later_ones_is_analysed_in_place(int late, int overtakenBy)
    {
        // Chunk `late`'s request failed before it stored anything, and the device's next `overtakenBy` chunks went
        // through before its retry: they started a run after a gap. The retried chunk lies before that run; the run is
        // rebuilt with it in place, so every beat, heart-rate and HRV window of the in-order stream is found.
        var chunks = Chunks();
        var reference = await SendAsync(12, i => T0.AddSeconds(10 * i), "holter-in-order"); // another device: holter-1's store stays empty
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        var order = Enumerable.Range(0, 12).Where(i => i != late).ToList();
        order.Insert(late + overtakenBy, late);
        foreach (var i in order)
        {
            await sink.StoreAsync("test", [chunks[i]], default);
        }

        Assert.Equal(Ids(reference), Ids(ingestor));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(35)]
    [InlineData(45)]
    public async Task A_chunk_stamped_in_time_analysed_before_a_gap_is_not_analysed_again(double stampedAt)
    {
        // 0–60 s, the electrodes off for 20 s, then 80–120 s; after the 90-s chunk the device sends 10 s stamped at
        // `stampedAt`, before the gap: a resend, or a clock that jumped back. That time was analysed, so the chunk is
        // not late for the run after the gap: no reading is offered again, and none is made up from other signal.
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        WaveformChunk At(double from, double stamp) => record.ToChunk(0, (int)(from * 360), 3600, "holter-5", "p-2", ObservationCode.Mdc("131330"), T0.AddSeconds(stamp));
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var from in (double[])[0, 10, 20, 30, 40, 50, 80, 90])
        {
            await sink.StoreAsync("test", [At(from, from)], default);
        }

        var offered = ingestor.Received.Count;
        await sink.StoreAsync("test", [At(300, stampedAt)], default);

        Assert.Equal(offered, ingestor.Received.Count);
    }

    // MIT-BIH `name`, lead MLII, as 10-s chunks 0–179 (30 min): sent in order by one device, and by another with the
    // live chunks 120–179 first and then `backlog`, one request each (or, with `requests`, those requests of chunks).
    // Returns both devices' readings (id → value) and AF episode changes, and what a resend of the chunks before the
    // first one sent then did: readings offered again, and readings and events added. With `restartAfter`, the server
    // restarts after that many requests: a new extractor goes on over the same store.
    private async Task<(Dictionary<string, double> InOrder, Dictionary<string, double> Backlog, List<(string Kind, DateTimeOffset Onset)> InOrderEvents, List<(string Kind, DateTimeOffset Onset)> BacklogEvents, (int Offered, int Added) Resend)> SendBacklogAsync(string name, IEnumerable<int> backlog, IEnumerable<int[]>? requests = null, string tag = "", int? restartAfter = null)
    {
        requests ??= Enumerable.Range(120, 60).Concat(backlog).Select(i => new[] { i });
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", name)).Value!;
        WaveformChunk Chunk(int i, string device, string patient) => record.ToChunk(0, i * 3600, 3600, device, patient, ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i));
        var inOrder = new RecordingIngestor();
        var inOrderSink = Sink(inOrder);
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var i in Enumerable.Range(0, 180))
        {
            await inOrderSink.StoreAsync("test", [Chunk(i, "holter-in-order" + tag, "p-in-order" + tag)], default);
        }

        var sent = requests.ToList();
        foreach (var (request, n) in sent.Select((r, n) => (r, n)))
        {
            if (n == restartAfter)
            {
                sink = Sink(ingestor);
            }

            await sink.StoreAsync("test", [.. request.Select(i => Chunk(i, "holter-backlog" + tag, "p-backlog" + tag))], default);
        }

        static Dictionary<string, double> Found(RecordingIngestor i) => i.Stored.ToDictionary(r => r.Measurement!.MessageId, r => r.Measurement!.Value!.Value, StringComparer.Ordinal);
        async Task<List<(string, DateTimeOffset)>> EventsAsync(string patient) =>
            [.. (await _store.GetPatientEventsAsync(patient, new Storage.DetectionEventQuery(), default)).Select(e => (e.Kind, e.OnsetTime))];
        var result = (Found(inOrder), Found(ingestor), await EventsAsync("p-in-order" + tag), await EventsAsync("p-backlog" + tag));
        var (offered, stored) = (ingestor.Received.Count, ingestor.Stored.Count);
        foreach (var i in Enumerable.Range(0, sent[0][0]))
        {
            await sink.StoreAsync("test", [Chunk(i, "holter-backlog" + tag, "p-backlog" + tag)], default);
        }

        return (result.Item1, result.Item2, result.Item3, result.Item4, (ingestor.Received.Count - offered, ingestor.Stored.Count - stored + (await EventsAsync("p-backlog" + tag)).Count - result.Item4.Count));
    }

    [Theory]
    [InlineData("100", false)]
    [InlineData("201", false)]
    [InlineData("100", true)]
    [InlineData("201", true)]
    public async Task A_backlog_uploaded_after_live_data_is_analysed_up_to_the_live_run(string name, bool outOfOrder)
    {
        // A recorder out of reach buffers 20 min of the lead; back online it sends live chunks first (minutes 20–30) and
        // uploads the backlog after them, more than ChunkStream.RebuildWithin before the live run's end: oldest first, or
        // minutes 10–18:20 first, then 0–10, then 18:20–20 (a backfill run started in the gap before another one, which it
        // joins); then it sends the backlog once more, which adds nothing. Sent in order, it is not even analysed again:
        // the live run's gap now ends where the backfill run that reached it started. (Out of order, the part before the
        // last backfill run's warm-up is, and its readings are duplicates.) The readings and AF episode changes are those
        // of the same chunks sent in order (values within 1e-3: a run's first beat, found cold, may sit a fraction of a
        // millisecond off): the backfill run finds the interval that spans the join, and the heart-rate and HRV windows
        // open there, which the run after the join joined late. The resend adds nothing.
        var backlog = outOfOrder ? Enumerable.Range(60, 50).Concat(Enumerable.Range(0, 60)).Concat(Enumerable.Range(110, 10)) : Enumerable.Range(0, 120);
        var (inOrder, found, inOrderEvents, events, resend) = await SendBacklogAsync(name, backlog);

        Assert.InRange(inOrder.Count, 2000, 2500);
        Assert.Equal(inOrder.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.All(inOrder, e => Assert.Equal(e.Value, found[e.Key], 0.001));
        Assert.Equal(inOrderEvents, events);
        Assert.Equal(name == "201" ? 5 : 0, events.Count);
        Assert.Equal(0, resend.Added);
        Assert.True(outOfOrder || resend.Offered == 0, $"{resend.Offered} readings offered again");
    }

    [Theory]
    [InlineData("100", 120, true)]
    [InlineData("201", 120, true)]
    [InlineData("201", 37, false)]
    [InlineData("201", 38, false)]
    [InlineData("201", 51, false)]
    public async Task A_backlog_that_joins_a_young_live_run_or_an_af_episode_it_never_saw_begin_gets_all_of_it(string name, int liveFrom, bool uploadedAtOnce)
    {
        // The gateway uploads the whole backlog in one request two live chunks after it came back: the live run has not
        // got past the HRV window open at the join yet, so the backfill run waits for it. Or the live run starts inside
        // an AF episode of 201 that ends 13, 3 or 26 s later (at 6:23 or 8:36): starting cold, it never sees the
        // episode, and the backfill run's end of it holds. Either way: the readings and AF changes of the in-order stream.
        var requests = uploadedAtOnce
            ? [[liveFrom], [liveFrom + 1], [.. Enumerable.Range(0, liveFrom)], .. Enumerable.Range(liveFrom + 2, 178 - liveFrom).Select(i => new[] { i })]
            : Enumerable.Range(liveFrom, 180 - liveFrom).Concat(Enumerable.Range(0, liveFrom)).Select(i => new[] { i }).ToList();
        var (inOrder, found, inOrderEvents, events, resend) = await SendBacklogAsync(name, [], requests);

        Assert.Equal(inOrder.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.All(inOrder, e => Assert.Equal(e.Value, found[e.Key], 0.001));
        Assert.Equal(inOrderEvents, events);
        Assert.Equal(0, resend.Added);
    }

    [Fact]
    public async Task A_backlog_of_an_earlier_gap_is_analysed_after_the_live_run_restarted_after_another()
    {
        // Live chunks 120–149, then 20 s lost (150–151), then 152–179: the live run restarted after that second gap. The
        // backlog of minutes 0–20 comes after all of it: it lies in the first live run's gap, which the device's state
        // keeps, so it is analysed as if in order (before: all of it lost).
        var requests = Enumerable.Range(120, 30).Concat(Enumerable.Range(152, 28)).Concat(Enumerable.Range(0, 120)).Select(i => new[] { i });
        var (inOrder, found, inOrderEvents, events, _) = await SendBacklogAsync("201", [], requests);

        static bool BeforeLive(string id) => long.Parse(id[(id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture) <= T0.AddMinutes(20).ToUnixTimeMilliseconds();
        Assert.Equal(inOrder.Keys.Where(BeforeLive).Order(StringComparer.Ordinal), found.Keys.Where(BeforeLive).Order(StringComparer.Ordinal));
        Assert.Equal(inOrderEvents.Where(e => e.Onset < T0.AddMinutes(20)), events.Where(e => e.Onset < T0.AddMinutes(20)));
        Assert.Equal(4, events.Count(e => e.Onset < T0.AddMinutes(20)));
    }

    [Theory]
    [InlineData("100", 50)]
    [InlineData("201", 50)]
    [InlineData("201", 0)]
    [InlineData("201", 115)]
    public async Task A_backlog_whose_upload_a_restart_cut_short_is_analysed_when_the_rest_comes(string name, int uploadedBefore)
    {
        // Live chunks 120–169, the backlog's chunks before `uploadedBefore`, a server restart, live chunk 170 (the new
        // process's run for the device starts there), the rest of the backlog, live chunks 171–179. The new process
        // recalls from the store the hole the backlog's rest fills (from its first part's end, or from the earliest time
        // when none came), so the rest is analysed as a backlog: the readings and AF changes of the in-order stream.
        // Before: the rest was stored and not analysed.
        var requests = Enumerable.Range(120, 50).Concat(Enumerable.Range(0, uploadedBefore)).Append(170).Concat(Enumerable.Range(uploadedBefore, 120 - uploadedBefore)).Concat(Enumerable.Range(171, 9)).Select(i => new[] { i });
        var (inOrder, found, inOrderEvents, events, resend) = await SendBacklogAsync(name, [], requests, restartAfter: 50 + uploadedBefore);

        Assert.InRange(inOrder.Count, 2000, 2500);
        Assert.Equal(inOrder.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.All(inOrder, e => Assert.Equal(e.Value, found[e.Key], 0.001));
        Assert.Equal(inOrderEvents, events);
        Assert.Equal(0, resend.Added);
    }

    [Theory]
    [InlineData("100", 108)]
    [InlineData("201", 108)]
    [InlineData("201", 27)]
    public async Task A_backlog_with_many_holes_whose_upload_a_restart_cut_short_is_analysed_when_they_are_filled(string name, int sentBefore)
    {
        // Live chunks 120–169, the backlog in order but for every 10th chunk (12 requests failed, retried at the end), and
        // a restart after `sentBefore` of the backlog's other 108 chunks, live chunk 170 first after it: the holes are
        // recalled, and everything is analysed as without the restart, which finds every reading of the in-order stream
        // (and in 201 one beat twice, 9 ms apart: a run's last beat, flushed at a hole, found again when it is filled; the
        // restart at 27 happens to avoid it) and the same AF changes. With the latest 8 holes recalled, as a first version did, 64 of 2 449 readings were missing
        // in 100 and 70 of 2 134 in 201.
        var retried = Enumerable.Range(0, 12).Select(k => 10 * k).ToList();
        var backlog = Enumerable.Range(0, 120).Except(retried).ToList();
        var requests = Enumerable.Range(120, 50).Concat(backlog[..sentBefore]).Append(170).Concat(backlog[sentBefore..]).Concat(retried).Concat(Enumerable.Range(171, 9)).Select(i => new[] { i }).ToList();
        var (inOrder, unbroken, inOrderEvents, unbrokenEvents, _) = await SendBacklogAsync(name, [], requests, tag: "-unbroken");
        var (_, found, _, events, _) = await SendBacklogAsync(name, [], requests, tag: "-restarted", restartAfter: 50 + sentBefore);

        Assert.Empty(inOrder.Keys.Except(found.Keys));
        Assert.Empty(found.Keys.Except(unbroken.Keys));
        Assert.Equal(unbrokenEvents, events);

        // Each episode announced once, and where it is in order but the first, whose onset was in chunk 0, a hole filled
        // last: from 0:11, where the run after that hole began cold. Before AfAnnouncements, each run begun cold after a
        // hole inside it announced it again (at 0:11, 1:51, 3:30 and 5:10); with the restart at 27, without the changes
        // stored before it recalled (AfAnnouncements.Recall), the run begun after the hole at chunk 30 announced it again
        // at 5:10.
        Assert.Equal(inOrderEvents.Select(e => e.Kind), events.Select(e => e.Kind));
        Assert.Equal(inOrderEvents.Skip(1), events.Skip(1));
    }

    [Fact]
    public async Task An_af_episode_of_a_patient_the_device_came_back_to_is_announced_to_them()
    {
        // MIT-BIH 201 in order, chunks 30–59 (5:00–10:00) on a second patient: the first patient's episode from 0:01 ends
        // while the device is on the second, and the episode from 26:36 is the first patient's again. A review found it
        // never announced: the changes were compared per patient, so it repeated the first patient's start at 0:01.
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "201")).Value!;
        var sink = Sink(new RecordingIngestor());
        foreach (var i in Enumerable.Range(0, 180))
        {
            await sink.StoreAsync("test", [record.ToChunk(0, i * 3600, 3600, "holter-moved", i is >= 30 and < 60 ? "p-moved-b" : "p-moved-a", ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i))], default);
        }

        async Task<List<(string, DateTimeOffset)>> EventsAsync(string patient) =>
            [.. (await _store.GetPatientEventsAsync(patient, new Storage.DetectionEventQuery(), default)).Select(e => (e.Kind, e.OnsetTime))];
        var first = await EventsAsync("p-moved-a");
        Assert.Equal(("af_started", T0.AddMilliseconds(1167)), first[0]);
        Assert.Equal(("af_started", T0.AddMilliseconds(1596686)), first[^1]);
        Assert.Contains(("af_ended", T0.AddMilliseconds(383814)), await EventsAsync("p-moved-b"));
    }

    [Fact]
    public async Task An_af_episode_after_an_end_a_failed_event_write_lost_is_still_announced()
    {
        // Live chunks 120–179, then 201's backlog shuffled (seed 4); the event write of the first request from the 55th on
        // that found an AF change fails, and the device resends it at once. The failure path drops the backfill runs, and
        // the end of the first episode (6:23) is lost, as before AfAnnouncements. The next episode's start (8:00.6) is
        // found by a run that labelled intervals non-AF before it, so it is announced, not held back as a repeat of the
        // first episode's start (a review found it held back: only the episode's end stored).
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "201")).Value!;
        var backlog = Enumerable.Range(0, 120).ToArray();
        new Random(4).Shuffle(backlog);
        var events = new FailingEventStore(_store);
        var sink = new StoringWaveformSink(_store, new EcgBeatExtractor(_store, new RecordingIngestor(), events, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System), new MotionExtractor(_store, _store, new BindingDirectory(_store), new ServerMetrics(), TimeProvider.System));
        foreach (var (i, n) in Enumerable.Range(120, 60).Concat(backlog).Select((i, n) => (i, n)))
        {
            WaveformChunk[] request = [record.ToChunk(0, i * 3600, 3600, "holter-lost", "p-lost", ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i))];
            events.FailNext = n >= 55 && !events.Failed;
            try
            {
                await sink.StoreAsync("test", request, default);
            }
            catch (InvalidOperationException)
            {
                await sink.StoreAsync("test", request, default);
            }
        }

        var stored = await _store.GetPatientEventsAsync("p-lost", new Storage.DetectionEventQuery(), default);
        Assert.True(events.Failed);
        Assert.Contains(stored, e => e.Kind == "af_started" && e.OnsetTime == T0.AddMilliseconds(480589));
        Assert.Contains(stored, e => e.Kind == "af_ended" && e.OnsetTime == T0.AddMilliseconds(516789));
    }

    // An event store whose next write of AF events fails while FailNext is set (once).
    private sealed class FailingEventStore(Storage.IDetectionEventStore inner) : Storage.IDetectionEventStore
    {
        public bool FailNext { get; set; }

        public bool Failed { get; private set; }

        public Task<int> AppendDetectionEventsAsync(IReadOnlyList<Storage.DetectionEvent> events, Storage.DetectionCheckpoint? checkpoint, CancellationToken cancellationToken)
        {
            if (FailNext && events.Any(e => e.Kind.StartsWith("af_", StringComparison.Ordinal)))
            {
                (FailNext, Failed) = (false, true);
                throw new InvalidOperationException("events store down");
            }

            return inner.AppendDetectionEventsAsync(events, checkpoint, cancellationToken);
        }

        public Task<IReadOnlyList<Storage.DetectionStreamHead>> GetDetectionStreamsAsync(string consumer, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.GetDetectionStreamsAsync(consumer, since, cancellationToken);

        public Task<IReadOnlyList<Storage.DetectionEvent>> GetPatientEventsAsync(string patientId, Storage.DetectionEventQuery query, CancellationToken cancellationToken) =>
            inner.GetPatientEventsAsync(patientId, query, cancellationToken);
    }

    [Theory]
    [InlineData(-28 * 3600)]
    [InlineData(25)]
    public async Task A_stored_chunk_at_an_absurd_rate_fails_no_request_after_a_restart(int stampedAtS)
    {
        // 10 min of lead II, with a strip of 1 000 samples at a sample every 31 years (a period SampledData allows) stamped
        // 28 h before (beyond the look-back of the recall) or inside it: stored, not analysed. After a restart every
        // request is analysed. Before: each threw an OverflowException computing where the strip ends.
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        WaveformChunk Chunk(int i) => record.ToChunk(0, i * 3600, 3600, "holter-odd", "p-odd", ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i));
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var i in Enumerable.Range(0, 60))
        {
            await sink.StoreAsync("test", [Chunk(i)], default);
        }

        await sink.StoreAsync("test", [Chunk(0) with { Start = T0.AddSeconds(stampedAtS), SampleRateHz = 1e-9, Samples = Chunk(0).Samples[..1000] }], default);
        var before = ingestor.Stored.Count;
        sink = Sink(ingestor);
        foreach (var i in Enumerable.Range(60, 6))
        {
            await sink.StoreAsync("test", [Chunk(i)], default);
        }

        Assert.InRange(ingestor.Stored.Count - before, 70, 90);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(38)]
    [InlineData(51)]
    public async Task A_backlog_sent_after_a_restart_ends_the_af_episode_the_live_run_began_inside(int liveFrom)
    {
        // Live chunks from `liveFrom` (6:10, 6:20 or 8:30 in 201, inside an AF episode that ends at 6:23 or 8:36) to 100, a
        // server restart, live chunk 101, the backlog 0 to `liveFrom`, the rest live. The run the first process began at
        // `liveFrom` started cold and never saw the episode end; the new process knows it only from the stored events
        // (its first AF change comes after the episode's end), so the backlog's `af_ended` is kept, as in order. Without
        // that the changes after the join were dropped: the episode never ended.
        var requests = Enumerable.Range(liveFrom, 101 - liveFrom).Append(101).Concat(Enumerable.Range(0, liveFrom)).Concat(Enumerable.Range(102, 78)).Select(i => new[] { i });
        var (inOrder, found, inOrderEvents, events, resend) = await SendBacklogAsync("201", [], requests, restartAfter: 101 - liveFrom);

        Assert.Equal(inOrder.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(inOrderEvents, events);
        Assert.Equal(0, resend.Added);
    }

    [Fact]
    public async Task A_backlog_whose_upload_failed_halfway_is_analysed_when_resent_after_more_live_data()
    {
        // Live chunks 120–159, then the backlog from minute 0; ingesting chunk 50's readings fails, which drops the device's
        // runs. A live chunk comes next (its run warms up from the last 6 min only), then the backlog is resent from
        // chunk 50: the first live run's gap is kept, so the rest of the backlog is still analysed (before: lost).
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        WaveformChunk Chunk(int i, string device) => record.ToChunk(0, i * 3600, 3600, device, "p-fail", ObservationCode.Mdc("131330"), T0.AddSeconds(10 * i));
        var inOrder = new RecordingIngestor();
        var inOrderSink = Sink(inOrder);
        foreach (var i in Enumerable.Range(0, 161))
        {
            await inOrderSink.StoreAsync("test", [Chunk(i, "holter-fail-in-order")], default);
        }

        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var i in Enumerable.Range(120, 40).Concat(Enumerable.Range(0, 50)))
        {
            await sink.StoreAsync("test", [Chunk(i, "holter-fail")], default);
        }

        ingestor.FailNext = new InvalidOperationException("commit failed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.StoreAsync("test", [Chunk(50, "holter-fail")], default));
        foreach (var i in Enumerable.Range(160, 1).Concat(Enumerable.Range(50, 70)))
        {
            await sink.StoreAsync("test", [Chunk(i, "holter-fail")], default);
        }

        static bool BeforeLive(string id) => long.Parse(id[(id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture) <= T0.AddMinutes(20).ToUnixTimeMilliseconds();
        static IEnumerable<string> Ids(RecordingIngestor i) => i.Stored.Select(r => r.Measurement!.MessageId).Where(BeforeLive).Order(StringComparer.Ordinal);
        Assert.InRange(Ids(inOrder).Count(), 1500, 1700);
        Assert.Equal(Ids(inOrder), Ids(ingestor));
    }

    // "120;121;60-119/;0-59/": chunks in that order, one request each, a range ending in '/' in one request.
    private static List<int[]> Requests(string order) =>
        [.. order.Split(';').SelectMany(part =>
        {
            var whole = part.EndsWith('/');
            var range = part.TrimEnd('/').Split('-').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var chunks = Enumerable.Range(range[0], range[^1] - range[0] + 1).ToArray();
            return whole ? [chunks] : chunks.Select(i => new[] { i });
        })];

    [Theory]
    [InlineData("100", "120;121;60-119/;0-59/;122-179", 0)]
    [InlineData("201", "120;121;60-119/;0-59/;122-179", 0)]
    [InlineData("100", "120-179;60-109;0-54;56-59;55;110-119", 0)]
    [InlineData("100", "120;121;0-104;106-119;105;122-179", 0)]
    [InlineData("201", "120-179;46-50;38-45;51-119;0-37", 0)]
    [InlineData("201", "37-100;103-179;0-36", 101)]
    [InlineData("201", "120-179;20-37;0-19;38-119", 0)]
    public async Task A_backlog_sent_in_pieces_out_of_order_gets_the_readings_and_af_changes_of_the_in_order_stream(string name, string order, int lostFrom)
    {
        // Orders a second review found losing readings or AF changes (`Requests`: a range ending in '/' is one request):
        // a waiting backfill run replaced by an earlier block; runs started after a hole or rebuilt, which must join
        // where the next analysed stretch begins; a live run rebuilt by a backlog chunk; AF episodes open where a run
        // that ended began cold; and, with chunks 101–102 never sent, a backlog of the live run's gap after it
        // restarted. Only the readings after chunk `lostFrom`, the hole, may differ. In the last order the run begun
        // at 3:20 (inside an episode) announced it itself: that duplicate af_started is a known limit (ADR 0006).
        var (inOrder, found, inOrderEvents, events, resend) = await SendBacklogAsync(name, [], Requests(order));

        static long TimeOf(string id) => long.Parse(id[(id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var hole = lostFrom == 0 ? long.MaxValue : T0.AddSeconds(10 * lostFrom).ToUnixTimeMilliseconds();
        Assert.DoesNotContain(inOrder.Keys.Except(found.Keys), id => TimeOf(id) < hole);
        Assert.Empty(found.Keys.Except(inOrder.Keys));
        Assert.All(found, e => Assert.Equal(inOrder[e.Key], e.Value, 0.001));
        (string Kind, DateTimeOffset Onset)[] duplicate = order == "120-179;20-37;0-19;38-119" ? [("af_started", T0.AddMilliseconds(200_581))] : [];
        Assert.Equal(inOrderEvents.Concat(duplicate).OrderBy(e => e.Onset), events.OrderBy(e => e.Onset));
        Assert.Equal(0, resend.Added);
    }

    [Theory]
    [InlineData("100", 1)]
    [InlineData("100", 4)]
    [InlineData("201", 1)]
    [InlineData("201", 4)]
    [InlineData("201", 9)]
    public async Task A_backlog_sent_in_random_order_gets_nearly_all_readings_and_every_af_episode(string name, int seed)
    {
        // The 120 backlog chunks in a random order, one request each (a third review pass's shuffles). Each piece that
        // starts after a hole starts cold, and a hole may be chunks not uploaded yet, so no AF episode is carried across
        // it. Readings: at most 2 missing and 3 extra (a run's last beat, flushed when an earlier piece replaces it, may
        // sit a millisecond off the in-order one). AF: every episode ends where it does in order and is announced at most
        // a minute after its onset. A piece that starts cold inside an episode finds it begin again: held back as a repeat
        // when a start before it was announced (AfAnnouncements), announced when its onset is earlier than any announced
        // so far (ADR 0006, limits).
        var backlog = Enumerable.Range(0, 120).ToArray();
        new Random(seed).Shuffle(backlog);
        var (inOrder, found, inOrderEvents, events, _) = await SendBacklogAsync(name, backlog, tag: $"-{seed}");

        Assert.InRange(inOrder.Keys.Except(found.Keys).Count(), 0, 2);
        Assert.InRange(found.Keys.Except(inOrder.Keys).Count(), 0, 3);
        Assert.Equal(inOrderEvents.Where(e => e.Kind == "af_ended"), events.Where(e => e.Kind == "af_ended"));
        var episodes = inOrderEvents.Where(e => e.Kind == "af_started").Select(e => (Start: e.Onset, End: inOrderEvents.FirstOrDefault(x => x.Kind == "af_ended" && x.Onset > e.Onset).Onset)).ToList();
        Assert.All(episodes, episode => Assert.Contains(events, e => e.Kind == "af_started" && e.Onset >= episode.Start && e.Onset <= episode.Start.AddMinutes(1)));
        Assert.All(events.Where(e => e.Kind == "af_started"), e => Assert.Contains(episodes, episode => e.Onset >= episode.Start && (episode.End == default || e.Onset < episode.End)));
    }

    [Theory]
    [InlineData("100")]
    [InlineData("201")]
    public async Task A_backlog_sent_newest_first_gets_its_readings_and_each_af_episode_once(string name)
    {
        // The same backlog sent newest first: each chunk's run starts cold and reaches time analysed after it at once.
        // The readings are nearly those of the in-order stream (a few first beats of a cold run differ). 201's AF
        // (minutes 0–6:23 and 8:00–8:36) goes on in every chunk into the time after it: each chunk's run would announce
        // an episode (before: 38 af_started), and leaves it to the run after it, which started cold there; the episode
        // is announced once, by the chunk whose run saw it end, from where that run began (5:50 and 8:01 instead of
        // 0:01 and 8:00.6: the limit in docs/adr/0006-ecg-waveforms.md), and ends where it does in order.
        var (inOrder, found, inOrderEvents, events, _) = await SendBacklogAsync(name, Enumerable.Range(0, 120).Reverse());

        Assert.InRange(inOrder.Keys.Except(found.Keys).Count(), 0, 5);
        Assert.Empty(found.Keys.Except(inOrder.Keys));
        Assert.InRange(inOrder.Keys.Count(k => found.TryGetValue(k, out var value) && Math.Abs(inOrder[k] - value) > 0.001), 0, 20);
        Assert.Equal(inOrderEvents.Where(e => e.Kind == "af_ended"), events.Where(e => e.Kind == "af_ended"));
        Assert.Equal(inOrderEvents.Count(e => e.Kind == "af_started"), events.Count(e => e.Kind == "af_started"));
        Assert.All(events.Zip(inOrderEvents), pair => Assert.InRange(pair.First.Onset, pair.Second.Onset, pair.Second.Onset.AddMinutes(6)));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:03:00Z")]
    [InlineData("9999-12-31T23:59:40Z")]
    public async Task A_chunk_stamped_at_the_edge_of_representable_time_fails_nothing(string stamp)
    {
        // A device whose clock was reset sends a chunk stamped in the year 1 (or 9999) among live chunks, twice, and a
        // new device sends one as its first. Nothing throws (a warm-up window before the year 1 once did), and the live
        // run goes on: the next chunk's beats are found.
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        var at = DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture);
        WaveformChunk Chunk(int i, DateTimeOffset start, string device = "holter-clock") => record.ToChunk(0, i * 3600, 3600, device, "p-clock", ObservationCode.Mdc("131330"), start);
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        foreach (var i in Enumerable.Range(0, 6))
        {
            await sink.StoreAsync("test", [Chunk(i, T0.AddSeconds(10 * i))], default);
        }

        await sink.StoreAsync("test", [Chunk(6, at)], default);
        await sink.StoreAsync("test", [Chunk(6, at)], default);
        await sink.StoreAsync("test", [Chunk(6, at, "holter-new")], default);
        var before = Count(ingestor, "rr");
        await sink.StoreAsync("test", [Chunk(7, T0.AddSeconds(60))], default);

        Assert.InRange(Count(ingestor, "rr") - before, 8, 20);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40_000)]
    public async Task A_lead_at_a_rate_outside_50_to_2000_hz_is_stored_but_not_analysed_and_holds_no_one_up(double rate)
    {
        // One request carries a strip at an unsupported rate from one device and a good chunk from another; the first
        // device's later 360-Hz chunks are analysed too (the stored strip is not replayed into their warm-up).
        var chunks = Chunks();
        var odd = chunks[0] with { DeviceId = "strip-1", SampleRateHz = rate, Samples = chunks[0].Samples[..100] };
        var ingestor = new RecordingIngestor();
        var sink = Sink(ingestor);
        await sink.StoreAsync("test", [odd, chunks[0]], default);
        foreach (var chunk in chunks[1..])
        {
            await sink.StoreAsync("test", [chunk, chunk with { DeviceId = "strip-1" }], default);
        }

        Assert.Single(await _store.GetDeviceWaveformsAsync("strip-1", odd.Code, T0, T0.AddSeconds(1), default));
        var byDevice = ingestor.Stored.GroupBy(r => r.Measurement!.DeviceId).ToDictionary(g => g.Key, g => g.Count(r => r.Measurement!.MessageId.StartsWith("rr:", StringComparison.Ordinal)));
        Assert.InRange(byDevice["holter-1"], 130, 160);
        Assert.InRange(byDevice["strip-1"], byDevice["holter-1"] - 20, byDevice["holter-1"]);
    }

    /// <summary>A waveform store that keeps nothing: the reference run analyses every chunk exactly once, in order.</summary>
    private sealed class NullWaveformStore : Storage.IWaveformStore
    {
        public Task<int> AppendWaveformsAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken) => Task.FromResult(chunks.Count);

        public Task<IReadOnlyList<WaveformChunk>> GetDeviceWaveformsAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WaveformChunk>>([]);

        public Task<IReadOnlyList<Storage.WaveformSpan>> GetDeviceWaveformSpansAsync(string deviceId, ObservationCode code, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Storage.WaveformSpan>>([]);

        public Task<WaveformChunk?> GetLatestDeviceWaveformBeforeAsync(string deviceId, ObservationCode code, DateTimeOffset before, CancellationToken cancellationToken) =>
            Task.FromResult<WaveformChunk?>(null);

        public Task<IReadOnlyList<WaveformChunk>> GetPatientWaveformsAsync(string patientId, ObservationCode? code, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WaveformChunk>>([]);

        public Task<IReadOnlyList<(string DeviceId, DateTimeOffset Start)>> GetLatestWaveformStartsAsync(ObservationCode code, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(string, DateTimeOffset)>>([]);
    }
}
