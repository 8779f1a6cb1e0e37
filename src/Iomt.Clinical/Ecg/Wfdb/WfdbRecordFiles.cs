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
    /// <summary>The file that holds signal <paramref name="signal"/>.</summary>
    public WfdbSignalFile FileOf(int signal) => Files.First(f => f.Signals.Contains(signal));
}
