namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>
/// A record's header and its signal files, found and checked to hold every sample the header declares: what
/// <see cref="WfdbRecordReader.Read(string)"/> loads and a <see cref="WfdbChannelReader"/> streams.
/// </summary>
/// <param name="Header">The parsed header.</param>
/// <param name="Files">The signal files, in the order the header first names them.</param>
/// <param name="Length">Samples per signal.</param>
public sealed record WfdbRecordFiles(WfdbHeader Header, IReadOnlyList<WfdbSignalFile> Files, long Length)
{
    /// <summary>
    /// What the reader found worth saying but not fatal: signal files cut to the shortest one of the record because the
    /// header declares no sample count (<see cref="CutWarning"/>).
    /// </summary>
    public IReadOnlyList<WfdbError> Warnings => [.. Files.Select(CutWarning).OfType<WfdbError>()];

    /// <summary>
    /// Null, or, when the header declares no sample count and <paramref name="file"/> holds more frames than the shortest
    /// signal file of the record, that it is read only to that length (as the WFDB tools read such a record).
    /// </summary>
    public WfdbError? CutWarning(WfdbSignalFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Header.SampleCount == 0 && file.Frames < file.FramesHeld
            ? new WfdbError(file.Path, "length", $"holds {file.FramesHeld} samples per signal, but the header declares no sample count and another signal file of the record holds only {file.Frames}: read to {file.Frames}")
            : null;
    }

    /// <summary>The file that holds signal <paramref name="signal"/>.</summary>
    public WfdbSignalFile FileOf(int signal) => Files.First(f => f.Signals.Contains(signal));

    /// <summary>
    /// True when the samples read of <paramref name="file"/> are those its header checksums are over: the declared count,
    /// or, when the header declares none, the whole file. A file cut to a shorter one's length is not checked.
    /// </summary>
    public bool ChecksumCovers(WfdbSignalFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Header.SampleCount > 0 || file.Frames == file.FramesHeld;
    }
}
