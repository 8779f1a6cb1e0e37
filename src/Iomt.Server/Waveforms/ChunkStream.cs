using Iomt.Core.Waveforms;

namespace Iomt.Server.Waveforms;

/// <summary>
/// A contiguous run of one device's waveform, fed chunk after chunk: knows where it ends, so that the next chunk is
/// recognised as its continuation, a resend (overlap) or the start of a new run (gap). Sample times are counted
/// from the run's first sample. The run also knows when its latest chunk arrived (server clock), so that a device
/// that stops sending is found quiet and what its last chunks left pending is decided (<see cref="BecameQuiet"/>).
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

    /// <summary>Time of the run's first sample.</summary>
    protected DateTimeOffset Origin { get; } = first.Start;

    /// <summary>The patient the latest chunk belongs to (the chunk's own, or the device's binding then); null when unbound.</summary>
    public string? Patient { get; set; }

    /// <summary>Samples per second.</summary>
    protected double Rate { get; } = first.SampleRateHz;

    /// <summary>Samples fed so far.</summary>
    protected long Samples { get; private set; }

    private DateTimeOffset End => Origin + TimeSpan.FromSeconds(Samples / Rate);

    /// <summary>True when <paramref name="next"/> starts where <paramref name="previous"/> ends (within half a sample), at the same rate.</summary>
    public static bool IsContiguous(WaveformChunk previous, WaveformChunk next) =>
        previous.SampleRateHz == next.SampleRateHz
        && Math.Abs((next.Start - previous.Start).TotalSeconds - (previous.Samples.Length / previous.SampleRateHz)) <= 0.5 / previous.SampleRateHz;

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

    /// <summary>True when <paramref name="chunk"/> starts where this run ends.</summary>
    public bool Continues(WaveformChunk chunk) => chunk.SampleRateHz == Rate && Math.Abs((chunk.Start - End).TotalSeconds) <= 0.5 / Rate;

    /// <summary>True when <paramref name="chunk"/> starts before this run's end (a resend, or overlapping data).</summary>
    public bool Overlaps(WaveformChunk chunk) => chunk.SampleRateHz == Rate && (End - chunk.Start).TotalSeconds > 0.5 / Rate;

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
