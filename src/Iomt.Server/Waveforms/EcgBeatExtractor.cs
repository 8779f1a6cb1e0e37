using System.Globalization;
using Iomt.Core.Catalogue;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Server.Detection;
using Iomt.Server.Ingestion;
using Iomt.Server.Metrics;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// Runs the ECG detectors of <c>iomt analyze ecg</c> on waveform chunks (<see cref="EcgLeadStream"/>: QRS, then AF
/// from RR irregularity and absent P waves, 30-s episodes) and hands on what they find through the platform's
/// own paths (docs/adr/0006-ecg-waveforms.md): each RR interval becomes a reading (MDC_ECG_TIME_PD_RR_GL, marked
/// <see cref="ReadingMarks.Derived"/>, message id = lead and beat time, so a resent chunk yields duplicates) through
/// the ingestion pipeline, as do the heart rate of every 10-s window and the HRV (SDNN, RMSSD) of every 5-min window,
/// and AF episode changes become detection events. One lead per device is analysed: lead II
/// when the device's first ECG chunks include it, else the lowest lead code among them. Chunks of one device are
/// analysed one request at a time; one that arrives after later ones has the run rebuilt with it in place
/// (<see cref="ChunkStream.IsLate"/>). A device that stops sending has its pending AF labels decided once its run is
/// quiet (<see cref="CheckQuietRunsAsync"/>), also when the server restarted in between (<see cref="ResumeRecentRunsAsync"/>).
/// </summary>
public sealed class EcgBeatExtractor(IWaveformStore store, IReadingIngestor ingestor, IDetectionEventStore events, BindingDirectory bindings, ServerMetrics metrics, TimeProvider time)
{
    private static readonly VitalSignType RrInterval = Type("rr-interval");
    private static readonly VitalSignType HeartRate = Type("heart-rate");
    private static readonly VitalSignType Sdnn = Type("hrv-sdnn");
    private static readonly VitalSignType Rmssd = Type("hrv-rmssd");

    private readonly DeviceStreams<EcgLeadStream> _devices = new(store, EcgLeadStream.SupportsRate);

    /// <summary>Analyses the ECG chunks among <paramref name="chunks"/> and ingests the RR intervals found; returns how many.</summary>
    public async Task<int> AnalyseAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var total = 0;
        foreach (var device in chunks.Where(c => WaveformCodes.IsEcgLead(c.Code) && c.Channel == 0).GroupBy(c => c.DeviceId, StringComparer.Ordinal))
        {
            await _devices.RunAsync(device.Key, async state =>
            {
                state.Code ??= device.Any(c => c.Code == WaveformCodes.EcgLeadII) ? WaveformCodes.EcgLeadII : device.Select(c => c.Code).MinBy(c => c.Code, StringComparer.Ordinal);
                var readings = new List<IncomingReading>();
                var raised = new RaisedEvents();
                foreach (var sent in device.Where(c => c.Code == state.Code && IsAnalysed(c)).OrderBy(c => c.Start))
                {
                    var backfill = state.IsBackfill(sent);
                    foreach (var arrived in await WithLaterAsync(state, backfill, sent, cancellationToken).ConfigureAwait(false))
                    {
                        // A resent or overlapping chunk: only its samples past the run's end are new.
                        if (state.NewPart(backfill, arrived, arrived, (run, c) => run.NewPart(c)) is not { } chunk)
                        {
                            continue;
                        }

                        var run = await state.ContinueOrStartAsync(backfill, chunk, previous => StartStreamAsync(chunk, previous, backfill, readings, raised, cancellationToken), cancellationToken).ConfigureAwait(false);
                        run.Patient = chunk.PatientId ?? bindings.PatientAt(chunk.DeviceId, chunk.Start);
                        run.Received(time.GetUtcNow());
                        Collect(run.Add(chunk), chunk, readings, raised);
                    }

                    while (state.DueJoin(EcgLeadStream.DecidedAfterJoin) is var (waiting, due))
                    {
                        await JoinAsync(state, waiting, due, sent, readings, raised, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (readings.Count > 0)
                {
                    await ingestor.IngestAsync("ecg", readings, cancellationToken).ConfigureAwait(false);
                    total += readings.Count;
                }

                if (raised.Events.Count == 0)
                {
                    return;
                }

                await RecallAfChangesAsync(state.AfChanges, raised, cancellationToken).ConfigureAwait(false);
                if (state.AfChanges.Announce(raised.Events, raised.SeenToBegin.Contains) is { Count: > 0 } announced)
                {
                    metrics.DetectionEvents.Add(await events.AppendDetectionEventsAsync(announced, null, cancellationToken).ConfigureAwait(false));
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>
    /// Decides the AF labels of runs that went quiet (<see cref="ChunkStream.BecameQuiet"/>): an episode that begins in
    /// the last seconds before a patch stops sending for good is still raised. Returns how many events were new.
    /// </summary>
    public Task<int> CheckQuietRunsAsync(CancellationToken cancellationToken) =>
        _devices.ForEachQuietAsync(
            time,
            (device, slot, stream) =>
            {
                var raised = new RaisedEvents();
                AddChanges(stream.DecidePending(), stream.Patient, device, raised);
                return slot.AfChanges.Announce(raised.Events, raised.SeenToBegin.Contains);
            },
            async raised =>
            {
                var added = await events.AppendDetectionEventsAsync(raised, null, cancellationToken).ConfigureAwait(false);
                metrics.DetectionEvents.Add(added);
                return added;
            },
            cancellationToken);

    /// <summary>
    /// After a start: analyses again, as if it had just arrived, the latest stored chunk of each device that sent an ECG
    /// lead within <see cref="LatestSpans.ResumeWithin"/> (of the leads sent at that time, the one <see cref="AnalyseAsync"/>
    /// chooses). Its run is rebuilt from the store's last 6 min, and what it finds is stored again (readings and events
    /// found before the restart are duplicates, stored once). The AF labels still waiting for look-ahead are then decided
    /// by <see cref="CheckQuietRunsAsync"/> if the device stays silent, instead of being forgotten with the previous
    /// process; a device that sends again continues the resumed run. Returns how many readings were found.
    /// </summary>
    public async Task<int> ResumeRecentRunsAsync(CancellationToken cancellationToken) =>
        await AnalyseAsync(await store.LatestSpansAsync(WaveformCodes.EcgLeads, time.GetUtcNow(), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    // What a chunk (or the end of a run) found, turned into readings and events in the chunk's device and patient. An
    // interval outside the catalogue's plausible range (a dropout, or a pause longer than 3 s) is not a reading the AF
    // detector can use; it is left out rather than dead-lettered.
    // With `joinAt`, the findings of a backfill run that reached analysed time (JoinAsync): only what the run that
    // analysed it from there cannot have found is kept: intervals that begin before that time, the heart-rate and HRV
    // windows that begin by it (that run joined those late and does not report them, BeatWindow), and AF changes that
    // begin before `afUntil` (JoinAsync).
    private void Collect(EcgFindings findings, WaveformChunk chunk, List<IncomingReading> readings, RaisedEvents raised, DateTimeOffset? joinAt = null, DateTimeOffset? afUntil = null)
    {
        if (joinAt is { } join)
        {
            findings.Intervals.RemoveAll(i => i.Time - TimeSpan.FromSeconds(i.RrSeconds) >= join);
            findings.HeartRates.RemoveAll(w => w.WindowEnd - EcgLeadStream.HeartRateWindow > join);
            findings.Variability.RemoveAll(w => w.WindowEnd - EcgLeadStream.VariabilityWindow > join);
            findings.Changes.RemoveAll(c => c.Onset >= (afUntil ?? join));
        }

        foreach (var (time, rr) in findings.Intervals)
        {
            if (rr >= RrInterval.Min && rr <= RrInterval.Max)
            {
                readings.Add(ToReading(chunk, RrInterval, "rr", time, rr));
            }
        }

        foreach (var (end, bpm) in findings.HeartRates)
        {
            readings.Add(ToReading(chunk, HeartRate, "hr", end, bpm));
        }

        foreach (var (end, hrv) in findings.Variability)
        {
            readings.Add(ToReading(chunk, Sdnn, "sdnn", end, hrv.SdnnMs));
            if (double.IsFinite(hrv.RmssdMs))
            {
                readings.Add(ToReading(chunk, Rmssd, "rmssd", end, hrv.RmssdMs));
            }
        }

        if (findings.Changes.Count > 0)
        {
            AddChanges(findings, chunk.PatientId ?? bindings.PatientAt(chunk.DeviceId, chunk.Start), chunk.DeviceId, raised);
        }
    }

    private static void AddChanges(EcgFindings findings, string? patient, string deviceId, RaisedEvents raised)
    {
        if (patient is not null)
        {
            foreach (var c in findings.Changes)
            {
                var e = new DetectionEvent(patient, deviceId, AfEventKinds.Of(c.Started), c.Onset, c.Raised, 0);
                raised.Events.Add(e);
                if (c.SeenToBegin)
                {
                    raised.SeenToBegin.Add(e);
                }
            }
        }
    }

    private static bool IsAnalysed(WaveformChunk chunk) => chunk.Channel == 0 && EcgLeadStream.SupportsRate(chunk.SampleRateHz);

    // The chunks to analyse for `sent`: itself, or, when it arrived late for its run (ChunkStream.IsLate), itself and the
    // stored chunks after it up to the run's end, with the run dropped: the run is rebuilt with the chunk in place, and
    // what it finds again (readings, events) is stored once.
    private async Task<IReadOnlyList<WaveformChunk>> WithLaterAsync(DeviceStreams<EcgLeadStream>.Slot state, bool backfill, WaveformChunk sent, CancellationToken cancellationToken)
    {
        if (state.Run(backfill) is not { } run || !run.IsLate(sent))
        {
            return [sent];
        }

        var later = await store.GetDeviceWaveformsAsync(sent.DeviceId, sent.Code, sent.Start.AddTicks(1), run.EndTime, cancellationToken).ConfigureAwait(false);
        state.DropForRebuild(backfill);
        return [sent, .. later.Where(IsAnalysed)];
    }

    // A backfill run reached analysed time (at `joinAt`, DeviceStreams.Slot.DueJoin): the stored chunks from there
    // decide what the backlog's end left pending (EcgLeadStream.DecidedAfterJoin: the beat, the AF labels, the windows
    // open there), and the backfill run ends. Of what it finds there, only what the run that analysed that time cannot
    // have found is kept (Collect). AF: when a run began at the join (after a gap: the live run, or one that ended), it
    // knew nothing of the AF there until its own first announcement, so the backfill run's changes up to then hold (the
    // end of an episode the backlog leaves open, which that run, starting cold, never saw begin). Otherwise its changes
    // up to `joinAt` hold. An episode the backfill run announces there that is still going on at that limit is left to
    // the run after it, which saw it go on from its own start: a backlog sent newest first has each chunk's run see AF
    // that began in the chunk, and would announce the episode once per chunk. When less of that time is stored than
    // needed (the device went quiet), the pending labels are decided on what there is.
    private async Task JoinAsync(DeviceStreams<EcgLeadStream>.Slot state, EcgLeadStream run, DateTimeOffset joinAt, WaveformChunk device, List<IncomingReading> readings, RaisedEvents raised, CancellationToken cancellationToken)
    {
        var until = EcgLeadStream.DecidedAfterJoin(joinAt);
        var found = new List<(EcgFindings Findings, WaveformChunk Chunk)>();
        foreach (var stored in (await store.GetDeviceWaveformsAsync(device.DeviceId, device.Code, ChunkStream.Shifted(run.EndTime, -ChunkStream.RebuildWithin), until, cancellationToken).ConfigureAwait(false)).Where(IsAnalysed))
        {
            if (run.NewPart(stored) is { } chunk && run.Continues(chunk))
            {
                found.Add((run.Add(chunk), chunk));
            }
        }

        if (!run.Reached(until))
        {
            found.Add((run.End(), device));
        }

        var afUntil = state.FirstAnnouncementOfRunBegunAt(joinAt)
            ?? (state.IsRecalledGapEnd(joinAt) ? await FirstStoredAfChangeAsync(run.Patient, device.DeviceId, joinAt, cancellationToken).ConfigureAwait(false) : joinAt);
        var opening = afUntil == DateTimeOffset.MaxValue ? default : found.SelectMany(f => f.Findings.Changes).Where(c => c.Onset < afUntil).LastOrDefault();
        foreach (var (findings, chunk) in found)
        {
            if (opening.Started)
            {
                findings.Changes.Remove(opening);
            }

            Collect(findings, chunk, readings, raised, joinAt, afUntil);
        }

        state.EndBackfill(run, joinAt);
    }

    // Before the AF changes of a request are compared with those announced (AfAnnouncements): for a patient the device's
    // state knows nothing of yet (a new process, or the device forgotten after an idle hour), the AF changes stored for
    // the device from a day before the earliest of them, so that a run begun cold inside an episode announced before the
    // restart does not announce it again.
    private async Task RecallAfChangesAsync(AfAnnouncements changes, RaisedEvents raised, CancellationToken cancellationToken)
    {
        foreach (var found in raised.Events.Where(e => AfEventKinds.IsAfChange(e.Kind) && !changes.Knows(e.PatientId)).GroupBy(e => (e.PatientId, e.DeviceId)))
        {
            var from = ChunkStream.Shifted(found.Min(e => e.OnsetTime), -TimeSpan.FromDays(1));
            changes.Recall(found.Key.PatientId, await events.GetPatientEventsAsync(found.Key.PatientId, new DetectionEventQuery(From: from, DeviceId: found.Key.DeviceId), cancellationToken).ConfigureAwait(false));
        }
    }

    // For a backfill run that joins where a gap recalled from the store ends (DeviceStreams.Slot.RecallGapsAsync): the
    // run that began there after the hole belonged to a previous process, and its first announcement is the first AF
    // change stored for the device from there on (DateTimeOffset.MaxValue when none). An unbound device has none stored:
    // only the changes before the join are kept, as when no run is known to have begun there.
    private async Task<DateTimeOffset> FirstStoredAfChangeAsync(string? patient, string deviceId, DateTimeOffset joinAt, CancellationToken cancellationToken)
    {
        if (patient is null)
        {
            return joinAt;
        }

        var stored = await events.GetPatientEventsAsync(patient, new DetectionEventQuery(From: joinAt, DeviceId: deviceId), cancellationToken).ConfigureAwait(false);
        return stored.Where(e => AfEventKinds.IsAfChange(e.Kind) && e.OnsetTime >= joinAt).Select(e => e.OnsetTime).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
    }

    // A new stream (first chunk since start, or after a gap) is warmed up with the stored chunks of the last
    // WarmUp, so that a restart or a late chunk costs neither the detector's learning period nor the first RR, and an
    // episode open before a gap goes on. `live` is the run the chunk does not continue (the live run, or the backfill
    // run for a backlog): stored chunks that do continue it (stored by a request that has not been analysed yet, e.g.
    // two requests of one device at once) are analysed as if they had just arrived; at the first real gap it ends and
    // gives up its last beat and AF labels. Other stored chunks (after a restart: the runs before `first`, each gap
    // ending one run and starting the next) only rebuild the detectors' state: what they found was turned into readings
    // and events before. A backfill run's runs carry no AF episode over a gap (Restart).
    private async Task<EcgLeadStream> StartStreamAsync(WaveformChunk first, EcgLeadStream? live, bool backfill, List<IncomingReading> readings, RaisedEvents raised, CancellationToken cancellationToken)
    {
        var from = ChunkStream.Shifted(first.Start, -EcgLeadStream.WarmUp);
        var earlier = (await store.GetDeviceWaveformsAsync(first.DeviceId, first.Code, from, first.Start, cancellationToken).ConfigureAwait(false)).Where(IsAnalysed).ToList();
        if (live is not null && live.Overlaps(first))
        {
            // A run that ends after `first` starts (the backfill run an earlier part of the backlog came before) ends here,
            // and is no predecessor: the warm-up before `first` goes on without it.
            Collect(live.End(), first, readings, raised);
            live = null;
        }

        if (live is null)
        {
            // The gap before the first run the warm-up finds starts where the stored lead before the window ends, however
            // long ago.
            from = await ChunkStream.StoredEndBeforeAsync(store, first, from, cancellationToken).ConfigureAwait(false);
        }

        var stream = live;
        foreach (var stored in earlier.OrderBy(c => c.Start))
        {
            var chunk = stream is { } run ? run.NewPart(stored) : stored;
            if (chunk is null)
            {
                continue;
            }

            if (stream?.Continues(chunk) != true)
            {
                stream = Restart(stream, chunk, from, backfill, ref live, readings, raised);
            }

            var found = stream.Add(chunk);
            if (stream == live)
            {
                Collect(found, chunk, readings, raised);
            }
        }

        return stream?.Continues(first) == true ? stream : Restart(stream, first, from, backfill, ref live, readings, raised);
    }

    // Ends `stream` at a gap before `next` and starts the run of `next`; the live run's end is reported. The gap starts at
    // the end of `stream`, or at `from`, the start of the warm-up, when none was before.
    private EcgLeadStream Restart(EcgLeadStream? stream, WaveformChunk next, DateTimeOffset from, bool backfill, ref EcgLeadStream? live, List<IncomingReading> readings, RaisedEvents raised)
    {
        var ended = stream?.End();
        if (ended is not null && stream == live)
        {
            Collect(ended, next, readings, raised);
            live = null;
        }

        // The run before the gap is the new run's predecessor, whose AF episode goes on across the gap (the electrodes
        // were off); not in a backlog (`backfill`), whose gaps may be chunks not uploaded yet, over which an episode
        // carried on would lose or invent changes.
        var gapStart = stream?.EndTime ?? from;
        return new EcgLeadStream(next, backfill ? null : stream) { GapStart = gapStart < next.Start ? gapStart : next.Start };
    }

    // A derived reading, in its type's canonical unit. Its message id is its kind, the lead and its time: the same beat
    // or window found again after a restart or in a resent chunk is a duplicate, stored once.
    private static IncomingReading ToReading(WaveformChunk chunk, VitalSignType type, string kind, DateTimeOffset time, double value) =>
        IncomingReading.Decoded(
            new Measurement
            {
                DeviceId = chunk.DeviceId,
                MessageId = string.Create(CultureInfo.InvariantCulture, $"{kind}:{chunk.Code.Code}:{time.ToUnixTimeMilliseconds()}"),
                PatientId = chunk.PatientId,
                Code = type.Code,
                Value = value,
                Unit = type.CanonicalUnit,
                DeviceTime = time,
            },
            marks: ReadingMarks.Derived);

    private static VitalSignType Type(string name) =>
        VitalSignCatalogue.Default.TryGetByName(name, out var type) ? type : throw new InvalidOperationException($"{name} is not in the catalogue");
}

/// <summary>The AF episode events a request (or a quiet check) found, and the starts among them seen to begin.</summary>
internal sealed class RaisedEvents
{
    /// <summary>The events, in the order found.</summary>
    public List<DetectionEvent> Events { get; } = [];

    /// <summary>The starts found by a run that labelled an interval non-AF before them (<see cref="AfAnnouncements"/>).</summary>
    public HashSet<DetectionEvent> SeenToBegin { get; } = [];
}
