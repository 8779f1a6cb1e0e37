using Microsoft.Win32.SafeHandles;

namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// Reads the frames of one signal file a block at a time, so a record of any length is decoded in a buffer of fixed
/// size. A block holds a multiple of six frames, which keeps each block on a whole group of the packed formats (212
/// stores two samples in three bytes, 310 and 311 three in four) whatever the number of signals in the file.
/// </summary>
public sealed class WfdbFrameReader : IDisposable
{
    /// <summary>Most frames one <see cref="Read"/> returns.</summary>
    public const int BlockFrames = 6 * 1024;

    /// <summary>Most samples (all signals) in a block: a file of more than 16 signals is read in fewer frames at a time.</summary>
    public const int BlockSamples = 16 * BlockFrames;

    private readonly WfdbSignalFile _file;
    private readonly SafeFileHandle _handle;
    private readonly byte[] _bytes;
    private long _frame;

    /// <summary>Opens <paramref name="file"/> for reading from its first frame.</summary>
    public WfdbFrameReader(WfdbSignalFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _file = file;
        FramesPerBlock = (int)Math.Clamp(BlockSamples / (6L * file.Signals.Count) * 6, 6, BlockFrames);
        // Others may go on writing the file (a recorder appending to it); one that shrinks it ends the reading with an error.
        _handle = System.IO.File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _bytes = new byte[WfdbSignalDecoder.BytesFor(file.Format, (long)FramesPerBlock * file.Signals.Count)];
    }

    /// <summary>Most frames one <see cref="Read"/> returns: <see cref="BlockFrames"/>, or fewer for a file of many signals.</summary>
    public int FramesPerBlock { get; }

    /// <summary>Room <see cref="Read"/> needs: a block's frames times the file's signals.</summary>
    public long InterleavedLength => (long)FramesPerBlock * _file.Signals.Count;

    /// <summary>The file read.</summary>
    public WfdbSignalFile File => _file;

    /// <summary>
    /// Decodes the next frames, up to <see cref="FramesPerBlock"/>, into <paramref name="interleaved"/> (the file's signals
    /// interleaved, room for <see cref="InterleavedLength"/> samples); returns how many, 0 after the last.
    /// </summary>
    /// <exception cref="EndOfStreamException">The file is shorter than when its record was checked.</exception>
    public int Read(Span<int> interleaved)
    {
        var signals = _file.Signals.Count;
        if (interleaved.Length < InterleavedLength)
        {
            throw new ArgumentException($"room for {FramesPerBlock} frames of {signals} signals needed", nameof(interleaved));
        }

        var frames = (int)Math.Min(FramesPerBlock, _file.Frames - _frame);
        if (frames <= 0)
        {
            return 0;
        }

        // Every block before this one held a multiple of six frames, so this one starts on a whole group.
        var position = _file.ByteOffset + WfdbSignalDecoder.BytesFor(_file.Format, _frame * signals);
        var bytes = _bytes.AsSpan(0, (int)WfdbSignalDecoder.BytesFor(_file.Format, (long)frames * signals));
        var got = 0;
        while (got < bytes.Length)
        {
            var n = RandomAccess.Read(_handle, bytes[got..], position + got);
            if (n == 0)
            {
                throw new EndOfStreamException($"{_file.Path}: byte {position + got}: the file ended before the {_file.Frames} frames it held when the record was opened");
            }

            got += n;
        }

        WfdbSignalDecoder.Decode(_file.Format, bytes, interleaved[..(frames * signals)]);
        _frame += frames;
        return frames;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
