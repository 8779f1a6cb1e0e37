using Iomt.Clinical.Falls;
using Iomt.Core.Waveforms;
using Iomt.Server.Ingestion;
using Iomt.Server.Metrics;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// Runs the fall and inactivity detectors of <c>iomt analyze motion</c> on tri-axial acceleration
/// (<see cref="WaveformCodes.Acceleration"/>: one SampledData with dimensions 3, in [g] or m/s2) and stores what
/// they raise as detection events (<c>fall</c>, <c>inactivity</c>). Per device, one request at a time; a new run
/// warms up from the stored chunks that lead up to it, and a span that arrives after later ones has the run rebuilt
/// with it in place (<see cref="ChunkStream.IsLate"/>, docs/adr/0006-ecg-waveforms.md). Time spans without all
/// three axes, or in another unit, are stored but not analysed.
/// </summary>
public sealed class MotionExtractor(IWaveformStore store, IDetectionEventStore events, BindingDirectory bindings, ServerMetrics metrics, TimeProvider time)
{
    // Most stored history a run's stillness is rebuilt from (RebuildStillnessAsync): a stillness that began longer ago is
    // counted from there.
    private static readonly TimeSpan StillLookBack = TimeSpan.FromHours(4);

    private readonly DeviceStreams<MotionStream> _devices = new(store, FallDetector.SupportsRate);

    /// <summary>Analyses the acceleration chunks among <paramref name="chunks"/>; returns how many events were new.</summary>
    public async Task<int> AnalyseAsync(IReadOnlyList<WaveformChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var added = 0;
        foreach (var device in chunks.Where(c => c.Code == WaveformCodes.Acceleration).GroupBy(c => c.DeviceId, StringComparer.Ordinal))
        {
            var spans = Spans(device);
            if (spans.Count == 0)
            {
                continue;
            }

            await _devices.RunAsync(device.Key, async slot =>
            {
                var raised = new List<DetectionEvent>();
                foreach (var sent in spans)
                {
                    var backfill = slot.IsBackfill(sent[0]);
                    foreach (var arrived in await WithLaterAsync(slot, backfill, sent, cancellationToken).ConfigureAwait(false))
                    {
                        // A resend, or overlapping data: only the samples past the run's end are new.
                        if (slot.NewPart(backfill, arrived, arrived[0], NewPart) is not { } axes)
                        {
                            continue;
                        }

                        var x = axes[0];
                        var run = await slot.ContinueOrStartAsync(backfill, x, previous => StartStreamAsync(axes, previous, slot, raised, cancellationToken), cancellationToken).ConfigureAwait(false);
                        if (Wearer(x) is var wearer && wearer != run.Patient)
                        {
                            // The device is worn by someone else from this span on: their still time starts afresh.
                            run.ForgetStillness();
                            run.Patient = wearer;
                        }

                        run.Received(time.GetUtcNow());
                        Raise(run.Add(axes), run.Patient, slot, x.DeviceId, raised);
                    }

                    while (slot.DueJoin(MotionStream.DecidedAfterJoin) is var (waiting, due))
                    {
                        await JoinAsync(slot, waiting, due, sent[0], raised, cancellationToken).ConfigureAwait(false);
                    }
                }

                added += await StoreAsync(raised, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// Decides the impacts of runs that went quiet (<see cref="ChunkStream.BecameQuiet"/>): a belt or phone that stops sending
    /// right after a fall still raises it, at its last sample. Returns how many events were new.
    /// </summary>
    public Task<int> CheckQuietRunsAsync(CancellationToken cancellationToken) =>
        _devices.ForEachQuietAsync(
            time,
            (device, slot, stream) =>
            {
                var raised = new List<DetectionEvent>();
                Raise(stream.DecideCutShort(), stream.Patient, slot, device, raised);
                return raised;
            },
            raised => StoreAsync(raised, cancellationToken),
            cancellationToken);

    /// <summary>
    /// After a start: analyses again, as if it had just arrived, the latest stored span of each device that sent acceleration
    /// within <see cref="LatestSpans.ResumeWithin"/>. Its run is rebuilt from the store, and what it raises is stored (an event raised
    /// before the restart is not stored twice). An impact still awaiting the rest of its post-impact window is then
    /// decided by <see cref="CheckQuietRunsAsync"/> if the device stays silent, instead of being forgotten with the
    /// previous process. A device that already sent again since the start has analysed that span: it is taken for a
    /// resend and skipped; one that sends later continues the resumed run. Returns how many events were new.
    /// </summary>
    public async Task<int> ResumeRecentRunsAsync(CancellationToken cancellationToken) =>
        await AnalyseAsync(await store.LatestSpansAsync([WaveformCodes.Acceleration], time.GetUtcNow(), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<int> StoreAsync(List<DetectionEvent> raised, CancellationToken cancellationToken)
    {
        if (raised.Count == 0)
        {
            return 0;
        }

        var stored = await events.AppendDetectionEventsAsync(raised, null, cancellationToken).ConfigureAwait(false);
        metrics.DetectionEvents.Add(stored);
        return stored;
    }

    // What a run found, as events of the slot's device. An event of a kind raised for the device less than that kind's
    // least spacing before or after (a fall: the fall detector's refractory time; inactivity: the still time it needs)
    // is the same one found again (DeviceStreams.Slot.FirstRaise): a run rebuilt for a late span (ChunkStream.IsLate)
    // decides on the whole window an impact that the dropped run, cut short at the gap or by the quiet check, decided
    // earlier, and a backfill run that reaches the live run finds again what the live run found in its first seconds.
    private static void Raise(List<(string Kind, DateTimeOffset Time)> found, string? patient, DeviceStreams<MotionStream>.Slot slot, string deviceId, List<DetectionEvent> raised)
    {
        foreach (var (kind, at) in found)
        {
            if (slot.FirstRaise(kind, at, LeastSpacing(kind)) && patient is not null)
            {
                raised.Add(new DetectionEvent(patient, deviceId, kind, at, at, 0));
            }
        }
    }

    // Whom a span's samples belong to: its own patient, or the device's binding at its time.
    private string? Wearer(WaveformChunk chunk) => chunk.PatientId ?? bindings.PatientAt(chunk.DeviceId, chunk.Start);

    private static TimeSpan LeastSpacing(string kind) =>
        TimeSpan.FromSeconds(kind == "fall" ? new FallDetectorOptions().RefractoryS : new InactivityDetectorOptions().MaxStillS);

    // The spans to analyse for `sent`: itself, or, when it arrived late for its run (ChunkStream.IsLate), itself and the
    // stored spans after it up to the run's end, with the run dropped: the run is rebuilt with the span in place, and an
    // event it raises again is stored once.
    private async Task<List<WaveformChunk[]>> WithLaterAsync(DeviceStreams<MotionStream>.Slot slot, bool backfill, WaveformChunk[] sent, CancellationToken cancellationToken)
    {
        var x = sent[0];
        if (slot.Run(backfill) is not { } run || !run.IsLate(x))
        {
            return [sent];
        }

        var later = await store.GetDeviceWaveformsAsync(x.DeviceId, x.Code, x.Start.AddTicks(1), run.EndTime, cancellationToken).ConfigureAwait(false);
        slot.DropForRebuild(backfill);
        return [sent, .. Spans(later)];
    }

    // A backfill run reached analysed time (at `joinAt`, DeviceStreams.Slot.DueJoin): the stored spans from there decide
    // the impacts the backlog's last seconds left pending (MotionStream.DecidedWithin), and the backfill run ends. What it
    // raises there that the run that analysed that time raised too is dropped (Raise). When less of that time is stored
    // than that (the device went quiet), the pending impacts are decided on what there is.
    private async Task JoinAsync(DeviceStreams<MotionStream>.Slot slot, MotionStream run, DateTimeOffset joinAt, WaveformChunk device, List<DetectionEvent> raised, CancellationToken cancellationToken)
    {
        var until = MotionStream.DecidedAfterJoin(joinAt);
        foreach (var stored in Spans(await store.GetDeviceWaveformsAsync(device.DeviceId, device.Code, ChunkStream.Shifted(run.EndTime, -ChunkStream.RebuildWithin), until, cancellationToken).ConfigureAwait(false)))
        {
            if (NewPart(run, stored) is { } axes && run.Continues(axes[0]))
            {
                Raise(run.Add(axes), run.Patient, slot, device.DeviceId, raised);
            }
        }

        if (!run.Reached(until))
        {
            Raise(run.DecideCutShort(), run.Patient, slot, device.DeviceId, raised);
        }

        // The live run's still time was reckoned without the backlog: it now goes on from the backlog's, as in one stream,
        // through the stored time from the join to the live run's end fed to it again, which raises what the live run
        // could not see (stillness that began in the backlog) and forgets what the backlog's movement ends. Only while the
        // live run ends within a warm-up window of the join: the replay then costs what a run's warm-up does, also for each
        // piece of a backlog sent newest first; a live run gone on longer has decided on its own.
        if (slot.Stream is { } live && live != run && live.Patient == run.Patient && live.EndTime > joinAt && live.EndTime <= ChunkStream.Shifted(joinAt, MotionStream.WarmUp))
        {
            live.ContinueStillnessOf(run);
            foreach (var stored in Spans(await store.GetDeviceWaveformsAsync(device.DeviceId, device.Code, ChunkStream.Shifted(run.EndTime, -ChunkStream.RebuildWithin), live.EndTime, cancellationToken).ConfigureAwait(false)))
            {
                if (run.EndsBy(stored[0]) && Wearer(stored[0]) == live.Patient)
                {
                    Raise(live.AddToStillness(stored), live.Patient, slot, device.DeviceId, raised);
                }
            }
        }

        slot.EndBackfill(run, joinAt);
    }

    // The x, y, z chunks of each time span (channels 0, 1, 2: equal start, rate and length, a rate the fall detector
    // supports, a known unit), in time order. Other chunks stay stored and are not analysed.
    private static List<WaveformChunk[]> Spans(IEnumerable<WaveformChunk> chunks) =>
        [.. chunks.GroupBy(c => c.Start)
            .Select(g => g.OrderBy(c => c.Channel).ToArray())
            .Where(a => a.Length == 3 && a[0].Channel == 0 && a[1].Channel == 1 && a[2].Channel == 2
                && FallDetector.SupportsRate(a[0].SampleRateHz)
                && a.All(c => c.Samples.Length == a[0].Samples.Length && c.SampleRateHz == a[0].SampleRateHz && MotionStream.ToG(c.Unit) is not null))
            .OrderBy(a => a[0].Start)];

    // The part of a span past the end of `stream` (all of it when it does not overlap the run); null when none.
    private static WaveformChunk[]? NewPart(MotionStream? stream, WaveformChunk[] axes)
    {
        if (stream is null)
        {
            return axes;
        }

        var parts = new WaveformChunk[axes.Length];
        for (var a = 0; a < axes.Length; a++)
        {
            if (stream.NewPart(axes[a]) is not { } part)
            {
                return null;
            }

            parts[a] = part;
        }

        return parts;
    }

    // A new run warms up from the stored spans that lead up to `first` without a gap (what they raised was stored
    // before). `live` is the run `first` does not continue (the live run, or the backfill run for a backlog): stored
    // spans that do continue it (stored by a request of the device not analysed yet) are analysed as if they had just
    // arrived; if a gap remains, the impacts its end cut short are decided.
    private async Task<MotionStream> StartStreamAsync(WaveformChunk[] first, MotionStream? live, DeviceStreams<MotionStream>.Slot slot, List<DetectionEvent> raised, CancellationToken cancellationToken)
    {
        var x = first[0];
        var earlier = Spans(await store.GetDeviceWaveformsAsync(x.DeviceId, x.Code, ChunkStream.Shifted(x.Start, -MotionStream.WarmUp), x.Start, cancellationToken).ConfigureAwait(false));
        if (live is not null)
        {
            foreach (var stored in earlier)
            {
                if (NewPart(live, stored) is { } axes && live.Continues(axes[0]))
                {
                    Raise(live.Add(axes), live.Patient, slot, x.DeviceId, raised);
                }
            }

            if (live.Continues(x))
            {
                return live;
            }

            Raise(live.DecideCutShort(), live.Patient, slot, x.DeviceId, raised);
        }

        var run = ChunkStream.LeadingRun(earlier.Select(a => a[0]), x);
        var start = run.Count > 0 ? run[0] : x;
        var inRun = run.Select(c => c.Start).ToHashSet();

        // The gap before the run starts where the last span before it, or the run it replaces, ends; when the warm-up
        // window holds neither, where the device's stored acceleration before the window ends, however long ago. A
        // replaced run that ends after `first` starts (the backfill run an earlier part of the backlog came before) does
        // not count.
        var from = ChunkStream.Shifted(x.Start, -MotionStream.WarmUp);
        var before = earlier.Where(a => !inRun.Contains(a[0].Start)).ToList();
        var previous = live is not null && !live.Overlaps(x) ? live : null;
        var gapStart = before.Count > 0 || previous is not null ? from : await ChunkStream.StoredEndBeforeAsync(store, x, from, cancellationToken).ConfigureAwait(false);
        foreach (var span in before)
        {
            gapStart = Later(gapStart, span[0].TimeOf(span[0].Samples.Length));
        }

        gapStart = previous is null ? gapStart : Later(gapStart, previous.EndTime);
        var stream = new MotionStream(start) { GapStart = gapStart < start.Start ? gapStart : start.Start, Patient = Wearer(x) };

        // The still time goes on across a gap, paused over it (InactivityDetector), for the same wearer: the run carries on
        // the stillness of the run it follows and takes in the stored spans after that run (at any rate). Without one (a
        // restart, a rebuild, a backlog's first run) it is rebuilt from the stored spans before the run, gaps and all.
        var patient = stream.Patient;
        var carried = previous is not null && previous.Patient == patient ? previous : null;
        if (carried is not null)
        {
            stream.ContinueStillnessOf(carried);
            _ = FeedStillness(stream, before.Where(a => carried.EndsBy(a[0])), patient);
        }
        else
        {
            await RebuildStillnessAsync(stream, x, patient, before, [.. earlier.Where(a => inRun.Contains(a[0].Start))], cancellationToken).ConfigureAwait(false);
        }

        foreach (var axes in earlier.Where(a => inRun.Contains(a[0].Start)))
        {
            _ = stream.Add(axes); // raised and stored before: only the state matters
        }

        return stream;
    }

    // A run's stillness rebuilt from the stored spans before it, back to where the wearer was last seen moving. `window` are
    // the warm-up window's spans before the run's leading spans (`leading`, which the run is then fed whole). While the
    // wearer was still from the first span looked at (leading spans included), the look-back doubles, up to
    // StillLookBack, and skips to the latest stored span when a stretch holds none. So a stillness under way is known
    // from its beginning, and so is whether its event went out (raised in the replay, and not again), also when gaps or
    // a window not quite full shortened the still time seen there.
    private async Task RebuildStillnessAsync(MotionStream stream, WaveformChunk first, string? patient, List<WaveformChunk[]> window, List<WaveformChunk[]> leading, CancellationToken cancellationToken)
    {
        var spans = window;
        var lookBack = MotionStream.WarmUp;
        while (lookBack < StillLookBack)
        {
            var probe = new MotionStream(first);
            if (FeedStillness(probe, spans.Concat(leading), patient) is not { } from || probe.StillFrom is not { } still || still > from.AddSeconds(1))
            {
                break;
            }

            var longer = lookBack * 2 < StillLookBack ? lookBack * 2 : StillLookBack;
            var older = Spans(await store.GetDeviceWaveformsAsync(first.DeviceId, first.Code, ChunkStream.Shifted(first.Start, -longer), ChunkStream.Shifted(first.Start, -lookBack), cancellationToken).ConfigureAwait(false));
            if (older.Count == 0)
            {
                // Nothing stored in that stretch: the still time pauses over it, so look on from the latest span before it.
                if (await store.GetLatestDeviceWaveformBeforeAsync(first.DeviceId, first.Code, ChunkStream.Shifted(first.Start, -lookBack), cancellationToken).ConfigureAwait(false) is not { } latest
                    || first.Start - latest.Start >= StillLookBack)
                {
                    break;
                }

                longer = first.Start - latest.Start + MotionStream.WarmUp < StillLookBack ? first.Start - latest.Start + MotionStream.WarmUp : StillLookBack;
                older = Spans(await store.GetDeviceWaveformsAsync(first.DeviceId, first.Code, ChunkStream.Shifted(first.Start, -longer), ChunkStream.Shifted(first.Start, -lookBack), cancellationToken).ConfigureAwait(false));
            }

            spans = [.. older, .. spans];
            lookBack = longer;
        }

        _ = FeedStillness(stream, spans, patient);
    }

    // Feeds the wearer's spans among `spans` to the run's stillness (what they raised was stored before); returns the start
    // of the first one fed, null when none was.
    private DateTimeOffset? FeedStillness(MotionStream stream, IEnumerable<WaveformChunk[]> spans, string? patient)
    {
        DateTimeOffset? first = null;
        foreach (var span in spans.Where(a => Wearer(a[0]) == patient))
        {
            first ??= span[0].Start;
            _ = stream.AddToStillness(span);
        }

        return first;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
