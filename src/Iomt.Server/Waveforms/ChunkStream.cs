using Iomt.Core.Waveforms;
using Iomt.Storage;

namespace Iomt.Server.Waveforms;

/// <summary>
/// A contiguous run of one device's waveform, fed chunk after chunk: knows where it ends, so that the next chunk is
/// recognised as its continuation, a resend (overlap) or the start of a new run (gap). A chunk stamped within
/// <see cref="Tolerance"/> of the run's end continues it: a device's clock and its sampling clock drift apart by tens
/// of ppm, and chunk stamps are rounded, so an exact match would break a live stream into runs every few minutes.
/// The detectors count samples; the wall-clock time of a sample is the run's <see cref="Origin"/> plus its offset,
/// and the origin follows the device's stamps (<see cref="Align"/>), so drift never accumulates. The run also knows
/// when its latest chunk arrived (server clock), so that a device that stops sending is found quiet and what its
/// last chunks left pending is decided (<see cref="BecameQuiet"/>).
/// </summary>
internal abstract class ChunkStream(WaveformChunk first)
{
    /// <summary>
    /// A run is quiet when no chunk arrived for this long after the latest chunk's own length (a device sending 5-s
    /// chunks is quiet 10 s after its last one arrived).
    /// </summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(5);

    private DateTimeOffset _receivedAt;
    private TimeSpan _latestLength;
    private bool _quiet;

    /// <summary>
    /// Largest difference, in seconds, between a chunk's stamp and the run's end for the chunk to continue the run
    /// (at least half a sample). A later chunk starts a new run; an earlier one is a resend, of which only the samples
    /// past the run's end are new (<see cref="NewPart"/>).
    /// </summary>
    public const double Tolerance = 0.05;

    /// <summary>Wall-clock time of the run's sample 0, moved with the device's stamps (<see cref="Align"/>).</summary>
    protected DateTimeOffset Origin { get; private set; } = first.Start;

    /// <summary>The patient the latest chunk belongs to (the chunk's own, or the device's binding then); null when unbound.</summary>
    public string? Patient { get; set; }

    /// <summary>Samples per second.</summary>
    protected double Rate { get; } = first.SampleRateHz;

    /// <summary>Samples fed so far.</summary>
    protected long Samples { get; private set; }

    private DateTimeOffset End => Origin + TimeSpan.FromSeconds(Samples / Rate);

    /// <summary>
    /// True when <paramref name="next"/> starts where <paramref name="previous"/> ends (within <see cref="Tolerance"/>),
    /// at the same rate: the same rule as <see cref="Continues"/>, since a run's end follows its latest chunk's stamp.
    /// </summary>
    public static bool IsContiguous(WaveformChunk previous, WaveformChunk next) =>
        previous.SampleRateHz == next.SampleRateHz
        && Math.Abs((next.Start - previous.Start).TotalSeconds - (previous.Samples.Length / previous.SampleRateHz)) <= Slack(previous.SampleRateHz);

    /// <summary>
    /// The stored chunks that lead up to <paramref name="first"/> without a gap (the tail of <paramref name="earlier"/>,
    /// in start order): the history a new run replays to warm up.
    /// </summary>
    public static List<WaveformChunk> LeadingRun(IEnumerable<WaveformChunk> earlier, WaveformChunk first)
    {
        var run = new List<WaveformChunk>();
        foreach (var chunk in earlier)
        {
            if (run.Count > 0 && !IsContiguous(run[^1], chunk))
            {
                run.Clear();
            }

            run.Add(chunk);
        }

        if (run.Count > 0 && !IsContiguous(run[^1], first))
        {
            run.Clear();
        }

        return run;
    }

    /// <summary>
    /// The holes between <paramref name="spans"/> (stored chunks in start order): where the time they cover breaks off
    /// and where it goes on, at a stamp later than the end of every chunk before it by more than the rule
    /// <see cref="Continues"/> allows. Chunks that overlap (a resend with other boundaries) leave no hole.
    /// </summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Holes(IReadOnlyList<WaveformSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var holes = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        if (spans.Count == 0)
        {
            return holes;
        }

        var covered = spans[0].End;
        var rate = spans[0].SampleRateHz;
        foreach (var span in spans.Skip(1))
        {
            if ((span.Start - covered).TotalSeconds > Slack(rate))
            {
                holes.Add((covered, span.Start));
            }

            if (span.End >= covered)
            {
                (covered, rate) = (span.End, span.SampleRateHz);
            }
        }

        return holes;
    }

    /// <summary>
    /// <paramref name="time"/> moved by <paramref name="by"/>, held within the times a <see cref="DateTimeOffset"/> can
    /// represent: a device may stamp a chunk in the year 1 or 9999, and a warm-up window before it must not throw.
    /// </summary>
    public static DateTimeOffset Shifted(DateTimeOffset time, TimeSpan by) =>
        by < TimeSpan.Zero
            ? (time - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue : time + by)
            : (DateTimeOffset.MaxValue - time < by ? DateTimeOffset.MaxValue : time + by);

    /// <summary>
    /// Where the device's stored waveform of <paramref name="first"/>'s code ends before <paramref name="before"/> (the
    /// start of a warm-up window with nothing in it), however long ago; <see cref="DateTimeOffset.MinValue"/> when the
    /// device never sent any. What was stored was analysed when it arrived, so a run's gap starts there.
    /// </summary>
    public static async Task<DateTimeOffset> StoredEndBeforeAsync(IWaveformStore store, WaveformChunk first, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(first);
        return await store.GetLatestDeviceWaveformBeforeAsync(first.DeviceId, first.Code, before, cancellationToken).ConfigureAwait(false) is { } latest
            ? new WaveformSpan(latest.Start, latest.SampleRateHz, latest.Samples.Length).End
            : DateTimeOffset.MinValue;
    }

    /// <summary>True when <paramref name="chunk"/> starts where this run ends (within <see cref="Tolerance"/>).</summary>
    public bool Continues(WaveformChunk chunk) => chunk.SampleRateHz == Rate && Math.Abs((chunk.Start - End).TotalSeconds) <= Slack(Rate);

    /// <summary>
    /// How far before a run's end a late chunk may start and still have the run rebuilt with it in place
    /// (<see cref="IsLate"/>): a retry within a few minutes. It bounds the replay one late chunk costs, and the work of a backlog sent newest first (each chunk
    /// late for the run the newer ones started) to a few hundred chunks.
    /// </summary>
    public static readonly TimeSpan RebuildWithin = TimeSpan.FromMinutes(5);

    /// <summary>The run's end: the time its next sample is due.</summary>
    public DateTimeOffset EndTime => End;

    /// <summary>
    /// Where the time before this run that was never analysed begins: the end of the run before it, or of the latest
    /// stored chunk before it (<see cref="StoredEndBeforeAsync"/>), or the start of the warm-up looked at when the first
    /// stored chunks found there start a run of their own. Until then the device's waveform
    /// was analysed, so a chunk stamped earlier is a resend, or a clock that jumped back, not a late chunk. By default the
    /// run's first sample: no chunk is late.
    /// </summary>
    public DateTimeOffset GapStart { get; init; } = first.Start;

    /// <summary>
    /// Where the gap before this run ends: the run's first sample, or, once backfill runs that reached it analysed the
    /// time before (<see cref="AnalysedBackTo"/>), where they started.
    /// </summary>
    public DateTimeOffset GapEnd { get; private set; } = first.Start;

    /// <summary>
    /// True when <paramref name="chunk"/> starts in the gap before this run (from <see cref="GapStart"/> to
    /// <see cref="GapEnd"/>), at most <see cref="RebuildWithin"/> before the run's end: a chunk the device sent before
    /// those the run was started with, arriving after them (a request retried after a later one went through). The run
    /// never saw that time, so <see cref="NewPart"/> would take it for a resend; the extractors rebuild the run with the
    /// chunk in place instead. A chunk in the gap that starts longer before the run's end (a backlog sent after live
    /// data) is analysed by a backfill run of its own (<see cref="DeviceStreams{TStream}.Slot.Backfill"/>); one from
    /// outside the gap is stored, not analysed again.
    /// </summary>
    public bool IsLate(WaveformChunk chunk) => InGap(chunk) && End - chunk.Start <= RebuildWithin;

    /// <summary>
    /// For a backfill run (<see cref="DeviceStreams{TStream}.Slot.Backfill"/>): where the analysed time after the gap it
    /// fills begins (<see cref="GapEnd"/> of the run whose gap it is). Once the backfill run reaches it, the stored
    /// samples from there decide what the backfill run left pending, and it ends. Null for a live run.
    /// </summary>
    public DateTimeOffset? JoinAt { get; set; }

    /// <summary>
    /// True when <paramref name="chunk"/> starts in the gap before this run (from <see cref="GapStart"/> to
    /// <see cref="GapEnd"/>): time the device's waveform was never analysed in.
    /// </summary>
    public bool InGap(WaveformChunk chunk) => BeforeGapEnd(chunk) && (chunk.Start - GapStart).TotalSeconds >= -Slack(Rate);

    /// <summary>True when <paramref name="chunk"/> starts before this run's first sample, at the run's rate.</summary>
    public bool Precedes(WaveformChunk chunk) => chunk.SampleRateHz == Rate && (StartTime - chunk.Start).TotalSeconds > Slack(Rate);

    /// <summary>True when <paramref name="chunk"/> starts before <see cref="GapEnd"/>, at the run's rate.</summary>
    public bool BeforeGapEnd(WaveformChunk chunk) => chunk.SampleRateHz == Rate && (GapEnd - chunk.Start).TotalSeconds > Slack(Rate);

    /// <summary>
    /// A backfill run that reached <see cref="GapEnd"/> analysed the time back to <paramref name="start"/>: the gap now
    /// ends there, and a chunk stamped after it is a resend.
    /// </summary>
    public void AnalysedBackTo(DateTimeOffset start)
    {
        if (start < GapEnd)
        {
            GapEnd = start < GapStart ? GapStart : start;
        }
    }

    /// <summary>True when this run's end has reached <paramref name="time"/> (within <see cref="Tolerance"/>).</summary>
    public bool Reached(DateTimeOffset time) => (time - End).TotalSeconds <= Slack(Rate);

    /// <summary>
    /// When the first event this run itself announced begins (an ECG run's AF episode change, not one carried over from
    /// the runs before it); null while it announced none. A backfill run that joins where this run began keeps its own
    /// view until then: this run began there knowing nothing of before.
    /// </summary>
    public virtual DateTimeOffset? FirstAnnouncement => null;

    /// <summary>The stamp of the run's first sample.</summary>
    public DateTimeOffset StartTime { get; } = first.Start;

    /// <summary>True when <paramref name="chunk"/> starts at or after this run's end (within <see cref="Tolerance"/>), whatever its rate.</summary>
    public bool EndsBy(WaveformChunk chunk) => (chunk.Start - End).TotalSeconds >= -Slack(Rate);

    /// <summary>True when <paramref name="chunk"/> starts before this run's end (a resend, or overlapping data).</summary>
    public bool Overlaps(WaveformChunk chunk) => chunk.SampleRateHz == Rate && (End - chunk.Start).TotalSeconds > Slack(Rate);

    /// <summary>
    /// What of <paramref name="chunk"/> this run has not analysed: all of it unless it <see cref="Overlaps"/> the run;
    /// of an overlapping chunk, the samples past the run's end, as a chunk that continues the run; null when it holds
    /// none (a resend of what was analysed). A device that resends with other chunk boundaries, or whose stamps jumped
    /// back, loses nothing.
    /// </summary>
    public WaveformChunk? NewPart(WaveformChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!Overlaps(chunk))
        {
            return chunk;
        }

        var skip = (int)Math.Round((End - chunk.Start).TotalSeconds * Rate);
        return skip >= chunk.Samples.Length ? null : chunk with
        {
            Start = chunk.TimeOf(skip),
            Samples = chunk.Samples[skip..],
        };
    }

    /// <summary>
    /// Before a chunk that <see cref="Continues"/> the run is fed: moves the run's origin by the difference between the
    /// chunk's stamp and the run's end, so its samples are timed by the device's clock.
    /// </summary>
    protected void Align(DateTimeOffset chunkStart) => Origin += chunkStart - End;

    private static double Slack(double rate) => Math.Max(Tolerance, 0.5 / rate);

    /// <summary>Records that a chunk arrived at <paramref name="now"/> (server clock): the run is not quiet.</summary>
    public void Received(DateTimeOffset now)
    {
        _receivedAt = now;
        _quiet = false;
    }

    /// <summary>
    /// True once per silence: when, at <paramref name="now"/>, no chunk has arrived for the latest chunk's length plus
    /// <see cref="QuietAfter"/> since it did. A chunk that arrives later clears it.
    /// </summary>
    public bool BecameQuiet(DateTimeOffset now)
    {
        if (_quiet || now - _receivedAt <= _latestLength + QuietAfter)
        {
            return false;
        }

        _quiet = true;
        return true;
    }

    /// <summary>Records that <paramref name="count"/> more samples were fed (one chunk's worth).</summary>
    protected void Advance(int count)
    {
        Samples += count;
        _latestLength = TimeSpan.FromSeconds(count / Rate);
    }
}
