using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// The analysis state of each device's waveform stream, used one request at a time per device. When the work of a
/// request fails, its stream is dropped: the sender gets no acknowledgement and resends, and the resent chunks must
/// not look like overlaps of a stream that moved past them; the next chunk starts a new stream (with a warm-up).
/// Devices silent for longer than <see cref="IdleAfter"/> are forgotten (their next chunk warms a new stream up from
/// the store), so the memory follows the devices that are sending, not every device ever seen. What a device's state
/// knew of the time never analysed (its gaps) is then recalled from the holes in its stored waveform at the rates
/// <paramref name="analysedRate"/> accepts (<see cref="Slot.RecallGapsAsync"/>), when <paramref name="store"/> is given.
/// </summary>
internal sealed class DeviceStreams<TStream>(IWaveformStore? store = null, Func<double, bool>? analysedRate = null)
    where TStream : ChunkStream
{
    /// <summary>How long a device may stay silent before its state is dropped.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _nextSweep = Environment.TickCount64 + (long)IdleAfter.TotalMilliseconds;

    /// <summary>Devices held in memory.</summary>
    public int Count => _slots.Count;

    /// <summary>
    /// Runs <paramref name="work"/> on the device's slot, alone. A check that is not the device sending
    /// (<paramref name="touch"/> false) leaves the slot's idle time alone, so the device can still be forgotten.
    /// </summary>
    public async Task RunAsync(string deviceId, Func<Slot, Task> work, CancellationToken cancellationToken, bool touch = true)
    {
        SweepIdle(Environment.TickCount64);
        Slot slot;
        while (true)
        {
            slot = _slots.GetOrAdd(deviceId, _ => new Slot(store, analysedRate));
            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!slot.Removed)
            {
                break;
            }

            slot.Gate.Release(); // swept while we waited: take the device's new slot
        }

        try
        {
            if (touch)
            {
                slot.LastUsed = Environment.TickCount64;
            }

            await work(slot).ConfigureAwait(false);
        }
        catch
        {
            slot.SetRun(false, null); // its gap is kept: a backlog of it resent after the failure is still analysed
            slot.Backfill = null;
            slot.Waiting.Clear();
            throw;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="decide"/>, one device at a time, on each run (live or backfill) that became quiet by the clock's time
    /// (<see cref="ChunkStream.BecameQuiet"/>), and stores what it raised with <paramref name="store"/>; returns how many
    /// events <paramref name="store"/> counted as new. Checking is not the device sending: idle times are left alone.
    /// A quiet run is decided once, and no device will resend what it raised, so events that could not be stored (the
    /// store down) stay with the device, which is not forgotten meanwhile, and are stored at a later check; the run
    /// itself is kept, so late data that continues it does not decide the same impact again. The first failure is
    /// thrown, once every device was checked, for the caller to report.
    /// </summary>
    public async Task<int> ForEachQuietAsync(
        TimeProvider clock,
        Func<string, Slot, TStream, IEnumerable<DetectionEvent>> decide,
        Func<List<DetectionEvent>, Task<int>> store,
        CancellationToken cancellationToken)
    {
        var added = 0;
        ExceptionDispatchInfo? failure = null;
        foreach (var (device, _) in _slots)
        {
            await RunAsync(device, async slot =>
            {
                var now = clock.GetUtcNow();
                foreach (var run in (TStream?[])[slot.Stream, slot.Backfill, .. slot.Waiting])
                {
                    if (run is not null && run.BecameQuiet(now))
                    {
                        (slot.Unstored ??= []).AddRange(decide(device, slot, run));
                    }
                }

                if (slot.Unstored is not { } unstored)
                {
                    return;
                }

                // Caught here, not in RunAsync, which would drop the run: only the storing failed.
#pragma warning disable CA1031 // Rethrown below, after the other devices were checked.
                try
                {
                    added += unstored.Count > 0 ? await store(unstored).ConfigureAwait(false) : 0;
                    slot.Unstored = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure ??= ExceptionDispatchInfo.Capture(e);
                }
#pragma warning restore CA1031
            }, cancellationToken, touch: false).ConfigureAwait(false);
        }

        failure?.Throw();
        return added;
    }

    /// <summary>Drops, at most once per <see cref="IdleAfter"/>, the devices idle for longer than that (not one in use).</summary>
    internal void SweepIdle(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (long)IdleAfter.TotalMilliseconds, next) != next)
        {
            return;
        }

        foreach (var (device, slot) in _slots)
        {
            if (now - slot.LastUsed > (long)IdleAfter.TotalMilliseconds && slot.Gate.Wait(0))
            {
                if (slot.Unstored is not null)
                {
                    slot.Gate.Release(); // its events are not stored yet
                    continue;
                }

                // Removed while holding its gate; a request already waiting for it sees the mark and starts over.
                slot.Removed = true;
                _slots.TryRemove(new KeyValuePair<string, Slot>(device, slot));
                slot.Gate.Release();
            }
        }
    }

    /// <summary>
    /// One device's state; <paramref name="store"/> holds its stored waveform, to recall its gaps from, of which the chunks at
    /// a rate <paramref name="analysedRate"/> accepts were analysed.
    /// </summary>
    internal sealed class Slot(IWaveformStore? store = null, Func<double, bool>? analysedRate = null)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>True once swept out of the table.</summary>
        public bool Removed { get; set; }

        /// <summary>When the slot was last used (<see cref="Environment.TickCount64"/>).</summary>
        public long LastUsed { get; set; } = Environment.TickCount64;

        /// <summary>The code analysed for the device (e.g. its ECG lead), once chosen.</summary>
        public ObservationCode? Code { get; set; }

        private const int RaisedKept = 16;
        private const int GapsKept = 256;
        private const int RunsBegunKept = 256;
        private readonly Dictionary<string, List<DateTimeOffset>> _raised = new(StringComparer.Ordinal);
        private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _earlierGaps = [];
        private readonly List<(DateTimeOffset Start, DateTimeOffset? FirstAnnouncement)> _runsBegun = [];
        private readonly List<DateTimeOffset> _recalledGapEnds = [];
        private DateTimeOffset? _rebuiltJoinAt;
        private bool _gapsRecalled;

        /// <summary>How far before its live run's gap a device state looks for holes in the stored waveform (<see cref="RecallGapsAsync"/>).</summary>
        public static readonly TimeSpan RecallWithin = TimeSpan.FromHours(24);

        /// <summary>The current run, or null before the first chunk and after a failure.</summary>
        public TStream? Stream { get; set; }

        /// <summary>
        /// The run that analyses a backlog: chunks stamped in the gap before the live run that arrive after it started, too
        /// long before its end to rebuild it (<see cref="ChunkStream.IsLate"/>), e.g. a gateway that sends live data as
        /// soon as it is back online and uploads what it buffered meanwhile after. It warms up from the stored chunks
        /// before it like any run and ends when it reaches the live run (<see cref="ChunkStream.JoinAt"/>). Null when
        /// there is no backlog.
        /// </summary>
        public TStream? Backfill { get; set; }

        /// <summary>
        /// Backfill runs that reached where they join analysed time and wait for the live run to get far enough
        /// (<see cref="DueJoin"/>) while another backfill run took their place (an earlier part of the backlog came).
        /// </summary>
        public List<TStream> Waiting { get; } = [];

        /// <summary>The backfill run when <paramref name="backfill"/>, else the live run.</summary>
        public TStream? Run(bool backfill) => backfill ? Backfill : Stream;

        /// <summary>
        /// Drops the lane's run to rebuild it with a late chunk in place (<see cref="ChunkStream.IsLate"/>); a backfill
        /// run's join time carries over to the rebuilt run.
        /// </summary>
        public void DropForRebuild(bool backfill)
        {
            if (backfill)
            {
                _rebuiltJoinAt = Backfill?.JoinAt;
            }

            SetRun(backfill, null);
        }

        /// <summary>
        /// Replaces the backfill run when <paramref name="backfill"/>, else the live run. A live run that is replaced (a
        /// gap after it, or a rebuild) leaves its gap behind (the latest 256 are kept, cut to end where the new live run's
        /// gap starts): a backlog of that time can still come, after the device came back more than once.
        /// </summary>
        public void SetRun(bool backfill, TStream? run)
        {
            if (backfill)
            {
                Backfill = run;
                _rebuiltJoinAt = run is null ? _rebuiltJoinAt : null;
                return;
            }

            if (Stream is { } replaced && !ReferenceEquals(replaced, run))
            {
                Ended(replaced);
                if (replaced.GapStart < replaced.GapEnd)
                {
                    if (_earlierGaps.Count >= GapsKept)
                    {
                        _earlierGaps.RemoveAt(0);
                    }

                    _earlierGaps.Add((replaced.GapStart, replaced.GapEnd));
                }
            }

            Stream = run;
            if (run is not null)
            {
                // A live run rebuilt with a late chunk of the backlog starts earlier: the backfill run joins it there.
                if (Backfill is { JoinAt: { } joinAt } under && run.GapEnd < joinAt && run.GapEnd >= under.EndTime)
                {
                    under.JoinAt = run.GapEnd;
                }

                for (var i = _earlierGaps.Count - 1; i >= 0; i--)
                {
                    var (start, end) = _earlierGaps[i];
                    if (end > run.GapStart)
                    {
                        _earlierGaps[i] = (start, run.GapStart);
                        if (run.GapStart <= start)
                        {
                            _earlierGaps.RemoveAt(i);
                        }
                    }
                }
            }
        }

        // The earlier live run's gap (SetRun) that `chunk` starts in.
        private (DateTimeOffset Start, DateTimeOffset End)? EarlierGapOf(WaveformChunk chunk)
        {
            var i = _earlierGaps.FindLastIndex(g => (chunk.Start - g.Start).TotalSeconds >= -ChunkStream.Tolerance && (g.End - chunk.Start).TotalSeconds > ChunkStream.Tolerance);
            return i < 0 ? null : _earlierGaps[i];
        }

        /// <summary>
        /// What of <paramref name="arrived"/> (whose first channel is <paramref name="first"/>) the run of its lane has
        /// not analysed (<paramref name="newPart"/>, e.g. <see cref="ChunkStream.NewPart"/>): all of it when there is no
        /// run, or when it starts before the backfill run (an earlier part of the backlog, with a hole between, or sent
        /// newest first: it starts a backfill run of its own); null when it holds nothing new.
        /// </summary>
        public TPart? NewPart<TPart>(bool backfill, TPart arrived, WaveformChunk first, Func<TStream, TPart, TPart?> newPart)
            where TPart : class
        {
            ArgumentNullException.ThrowIfNull(newPart);
            var run = Run(backfill);
            return run is null || (backfill && run.Precedes(first)) ? arrived : newPart(run, arrived);
        }

        /// <summary>
        /// The run of the lane that <paramref name="first"/> continues; otherwise a new one from <paramref name="start"/>,
        /// given the run it replaces, which becomes the lane's run (a backfill run knows where it joins analysed time,
        /// <see cref="JoinAtFor"/>).
        /// </summary>
        public async Task<TStream> ContinueOrStartAsync(bool backfill, WaveformChunk first, Func<TStream?, Task<TStream>> start, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(start);
            var run = Run(backfill);
            if (run?.Continues(first) == true)
            {
                return run;
            }

            var joinAt = backfill ? JoinAtFor(first) : null;
            if (backfill && run is { JoinAt: { } at } && run.Reached(at))
            {
                Waiting.Add(run); // it waits for its join; the new run does not end it
                run = null;
            }
            else if (backfill && run is not null)
            {
                Ended(run);
            }

            run = await start(run).ConfigureAwait(false);
            run.JoinAt = joinAt;
            SetRun(backfill, run);
            if (!backfill)
            {
                await RecallGapsAsync(run, first, cancellationToken).ConfigureAwait(false);
            }

            return run;
        }

        /// <summary>
        /// Once per device state, when its first live run starts (at a start, the run resumed at the device's latest
        /// chunk): the gaps of the runs before it, which a previous process (or this one, before the device was forgotten
        /// as idle) kept in memory, are recalled from the store. They are the holes in the device's stored waveform of the
        /// run's code (<see cref="ChunkStream.Holes"/>, over the chunks at analysed rates) that end by where the run's own
        /// gap starts, over <see cref="RecallWithin"/> before it, and the hole before the first chunk found there: nothing
        /// was analysed where nothing was stored, so the rest of a backlog whose upload a restart cut short is still
        /// analysed as a backlog (<see cref="IsBackfill"/>) instead of being taken for time analysed before. It must run
        /// before that rest is stored, which is why it is not left until a chunk needs it.
        /// </summary>
        private async Task RecallGapsAsync(TStream live, WaveformChunk first, CancellationToken cancellationToken)
        {
            if (_gapsRecalled || store is null)
            {
                return;
            }

            var analysed = analysedRate ?? (_ => true);
            var from = ChunkStream.Shifted(live.GapStart, -RecallWithin);
            var spans = await store.GetDeviceWaveformSpansAsync(first.DeviceId, first.Code, from, live.GapStart, cancellationToken).ConfigureAwait(false);
            var latest = spans.Count == 0 ? null : await store.GetLatestDeviceWaveformBeforeAsync(first.DeviceId, first.Code, from, cancellationToken).ConfigureAwait(false);

            // The first hole begins where the analysed waveform before the look-back ends (the earliest time, when the device
            // sent none before).
            var before = latest is not null && analysed(latest.SampleRateHz)
                ? new WaveformSpan(latest.Start, latest.SampleRateHz, latest.Samples.Length)
                : new WaveformSpan(DateTimeOffset.MinValue, first.SampleRateHz, 0);
            var holes = ChunkStream.Holes([before, .. spans.Where(s => analysed(s.SampleRateHz))])
                .Where(h => h.End <= live.GapStart && !_earlierGaps.Exists(g => g.Start < h.End && h.Start < g.End))
                .TakeLast(GapsKept - _earlierGaps.Count)
                .ToList();
            _earlierGaps.AddRange(holes);
            _earlierGaps.Sort((a, b) => a.Start.CompareTo(b.Start));
            _recalledGapEnds.AddRange(holes.Select(h => h.End));
            _gapsRecalled = true; // only once it succeeded: a store failure fails the request, and the next one asks again
        }

        /// <summary>
        /// True when <paramref name="joinAt"/> is where a gap recalled from the store ends (<see cref="RecallGapsAsync"/>): a
        /// run of the previous process began there after the hole, knowing nothing of before, and what it announced is
        /// only in the event store.
        /// </summary>
        public bool IsRecalledGapEnd(DateTimeOffset joinAt) => _recalledGapEnds.Contains(joinAt);

        /// <summary>
        /// True when <paramref name="chunk"/> is for the <see cref="Backfill"/> run: it starts before the time analysed
        /// up to the live run (<see cref="ChunkStream.GapEnd"/>), in the gap before it or while a backfill run is under
        /// way, and is not a late chunk the live run is rebuilt with (one that continues the backfill run stays with it).
        /// Otherwise it is for the live run (<see cref="Stream"/>).
        /// </summary>
        public bool IsBackfill(WaveformChunk chunk) =>
            Stream is { } live
            && ((live.BeforeGapEnd(chunk) && (Backfill?.Continues(chunk) == true || (!live.IsLate(chunk) && (Backfill is not null || live.InGap(chunk)))))
                || EarlierGapOf(chunk) is not null);

        /// <summary>
        /// Where a new backfill run starting at <paramref name="chunk"/> joins analysed time: where the backfill run under
        /// way starts, when the chunk is before it (an earlier part of the backlog); that run's own join, when the chunk
        /// is before it (after a hole, or the run rebuilt); else where the gap the chunk is in ends, the live run's or an
        /// earlier one; or, when earlier, where a backfill run that ended after the chunk's time started.
        /// </summary>
        public DateTimeOffset? JoinAtFor(WaveformChunk chunk)
        {
            if (Stream is not { } live)
            {
                return null;
            }

            var join = Backfill is { } backfill && backfill.Precedes(chunk) ? backfill.StartTime
                : (Backfill?.JoinAt ?? _rebuiltJoinAt) is { } next && chunk.Start < next ? next
                : live.InGap(chunk) ? live.GapEnd
                : EarlierGapOf(chunk) is { } gap ? gap.End
                : live.GapEnd;

            // A run that ended after the chunk's time (a part of the backlog sent earlier, with a hole before it) analysed
            // from where it began.
            foreach (var (from, _) in _runsBegun)
            {
                if ((from - chunk.Start).TotalSeconds > ChunkStream.Tolerance && from < join)
                {
                    join = from;
                }
            }

            return join;
        }

        /// <summary>
        /// For a backfill run that joins analysed time at <paramref name="joinAt"/>: when a run began there (after a gap,
        /// so knowing nothing of what came before), the time of its first own announcement
        /// (<see cref="ChunkStream.FirstAnnouncement"/>), or <see cref="DateTimeOffset.MaxValue"/> when it made none; null
        /// when no such run is known.
        /// </summary>
        public DateTimeOffset? FirstAnnouncementOfRunBegunAt(DateTimeOffset joinAt) =>
            LiveRunBegunAt(joinAt) is { } live ? live.FirstAnnouncement ?? DateTimeOffset.MaxValue
            : _runsBegun.FindLastIndex(r => r.Start == joinAt) is var i and >= 0 ? _runsBegun[i].FirstAnnouncement ?? DateTimeOffset.MaxValue
            : null;

        /// <summary>
        /// The live run when it began at <paramref name="joinAt"/>, after a gap no backfill run has analysed back from yet:
        /// it began there knowing nothing of the time before. Null otherwise.
        /// </summary>
        public TStream? LiveRunBegunAt(DateTimeOffset joinAt) =>
            Stream is { } live && live.StartTime == joinAt && live.GapEnd == joinAt ? live : null;

        // Remembers where a run that ends (replaced, or a backfill run that joined) began and its first announcement, for
        // JoinAtFor and FirstAnnouncementOfRunBegunAt. Starts the live run's analysed time has reached are forgotten (no
        // backfill run joins there any more), and of the rest the 256 remembered first are dropped first.
        private void Ended(TStream run)
        {
            _runsBegun.RemoveAll(r => r.Start == run.StartTime || (Stream is { } live && r.Start > live.GapEnd && r.Start < live.StartTime));
            _runsBegun.Add((run.StartTime, run.FirstAnnouncement));
            if (_runsBegun.Count > RunsBegunKept)
            {
                _runsBegun.RemoveAt(0);
            }
        }

        /// <summary>
        /// A backfill run (under way or <see cref="Waiting"/>) and the time it joins analysed time at, once it has reached
        /// it and what is analysed after it is stored up to <paramref name="decidedAfterJoin"/> of it: for the live run
        /// whose gap it fills, once that run got so far (a gateway that uploads its backlog seconds after it came back);
        /// other analysed time is stored whole. Null when none is due: they wait.
        /// </summary>
        public (TStream Run, DateTimeOffset JoinAt)? DueJoin(Func<DateTimeOffset, DateTimeOffset> decidedAfterJoin)
        {
            ArgumentNullException.ThrowIfNull(decidedAfterJoin);
            foreach (var run in (TStream?[])[Backfill, .. Waiting])
            {
                if (run is { JoinAt: { } at } && run.Reached(at) && (Stream is not { } live || live.GapEnd != at || live.Reached(decidedAfterJoin(at))))
                {
                    return (run, at);
                }
            }

            return null;
        }

        /// <summary>
        /// The backfill run reached analysed time at <paramref name="joinAt"/> and ends; when that was where the live run's
        /// gap, or an earlier one, ended, the gap now ends where the backfill run started.
        /// </summary>
        public void EndBackfill(TStream backfill, DateTimeOffset joinAt)
        {
            ArgumentNullException.ThrowIfNull(backfill);
            Ended(backfill);
            if (Stream is { } live && live.GapEnd == joinAt)
            {
                live.AnalysedBackTo(backfill.StartTime);
            }

            var i = _earlierGaps.FindIndex(g => g.End == joinAt);
            if (i >= 0 && backfill.StartTime <= _earlierGaps[i].Start)
            {
                _earlierGaps.RemoveAt(i);
            }
            else if (i >= 0)
            {
                _earlierGaps[i] = (_earlierGaps[i].Start, backfill.StartTime < joinAt ? backfill.StartTime : joinAt);
            }

            if (ReferenceEquals(Backfill, backfill))
            {
                Backfill = null;
            }

            Waiting.Remove(backfill);
        }

        /// <summary>
        /// Records that an event of <paramref name="kind"/> was raised at <paramref name="at"/>; false, recording nothing,
        /// when one of the 16 latest-timed of that kind was less than <paramref name="spacing"/> before or after: the same event
        /// found again, by a run rebuilt for a late chunk (<see cref="ChunkStream.IsLate"/>) that decides on the whole
        /// window what the dropped run decided on less, or by a backfill run that reached the live run.
        /// </summary>
        public bool FirstRaise(string kind, DateTimeOffset at, TimeSpan spacing)
        {
            if (!_raised.TryGetValue(kind, out var times))
            {
                _raised[kind] = times = [];
            }

            if (times.Exists(t => (at - t).Duration() < spacing))
            {
                return false;
            }

            if (times.Count == RaisedKept)
            {
                times.Remove(times.Min()); // the earliest: a backlog's events must not push out the live run's
            }

            times.Add(at);
            return true;
        }

        /// <summary>The AF episode changes found for the device, announced or held back as repeats (ECG only).</summary>
        public AfAnnouncements AfChanges { get; } = new();

        /// <summary>Events a quiet check raised that could not be stored yet (<see cref="ForEachQuietAsync"/>).</summary>
        public List<DetectionEvent>? Unstored { get; set; }
    }
}
