namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>One signal file of a record as its header lays it out, checked against the file on disk.</summary>
/// <param name="Path">Where the file is.</param>
/// <param name="Format">The storage format its signals share.</param>
/// <param name="ByteOffset">Bytes before the first sample.</param>
/// <param name="Signals">The header's numbers of the signals it holds, in the order they are interleaved in a frame.</param>
/// <param name="Frames">Frames (one sample of each of its signals) to read: the record's length.</param>
/// <param name="FramesHeld">Frames the file holds after its offset: more than <paramref name="Frames"/> when the header
/// declares fewer samples, or declares none and another signal file of the record is shorter.</param>
public sealed record WfdbSignalFile(string Path, int Format, long ByteOffset, IReadOnlyList<int> Signals, long Frames, long FramesHeld);
