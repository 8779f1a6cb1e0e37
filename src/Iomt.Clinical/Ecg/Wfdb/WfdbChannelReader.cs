namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Streams one signal of a record from its file, a block at a time: memory stays the same whatever the record's
/// length. The samples are checked against the header's initial value and checksum as they pass
/// (<see cref="Warnings"/>, complete once the last block has been read).
/// </summary>
public sealed class WfdbChannelReader : IDisposable
{
    private readonly WfdbFrameReader _frames;
    private readonly int _channel;
    private readonly int _member;
    private readonly int[] _interleaved;
    private readonly List<WfdbError> _warnings = [];
    private readonly bool _checksumCovered;
    private WfdbSignalCheck _check;
    private bool _ended;

    /// <summary>Opens signal <paramref name="channel"/> of <paramref name="record"/>.</summary>
    public WfdbChannelReader(WfdbRecordFiles record, int channel)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, record.Header.Signals.Count);
        var file = record.FileOf(channel);
        _channel = channel;
        _member = IndexOf(file.Signals, channel);
        Spec = record.Header.Signals[channel];
        _checksumCovered = record.ChecksumCovers(file);
        _frames = new WfdbFrameReader(file);
        _interleaved = new int[_frames.InterleavedLength];
    }

    /// <summary>The signal's header line.</summary>
    public WfdbSignalSpec Spec { get; }

    /// <summary>What the samples read so far disagree with in the header; complete after the last block.</summary>
    public IReadOnlyList<WfdbError> Warnings => _warnings;

    /// <summary>
    /// Writes the next ADC samples, up to <see cref="WfdbFrameReader.BlockFrames"/> (fewer for a file of more than 16
    /// signals), into <paramref name="destination"/> (room for <see cref="WfdbFrameReader.BlockFrames"/>); returns how
    /// many, 0 after the last.
    /// </summary>
    public int Read(Span<int> destination)
    {
        if (destination.Length < WfdbFrameReader.BlockFrames)
        {
            throw new ArgumentException($"room for {WfdbFrameReader.BlockFrames} samples needed", nameof(destination));
        }

        var frames = _frames.Read(_interleaved);
        var signals = _frames.File.Signals.Count;
        for (var f = 0; f < frames; f++)
        {
            destination[f] = _interleaved[(f * signals) + _member];
        }

        _check.Add(destination[..frames]);
        if (frames == 0 && !_ended)
        {
            _ended = true;
            _check.Report(Spec, _frames.File.Path, _channel, _checksumCovered, _warnings);
        }

        return frames;
    }

    /// <inheritdoc />
    public void Dispose() => _frames.Dispose();

    private static int IndexOf(IReadOnlyList<int> signals, int channel)
    {
        for (var i = 0; i < signals.Count; i++)
        {
            if (signals[i] == channel)
            {
                return i;
            }
        }

        throw new ArgumentException($"signal {channel} is not in its file", nameof(channel));
    }
}
