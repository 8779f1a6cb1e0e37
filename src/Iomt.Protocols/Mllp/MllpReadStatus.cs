namespace Iomt.Protocols.Mllp;

/// <summary>What <see cref="MllpFrameReader.TryRead"/> found in the buffer.</summary>
public enum MllpReadStatus
{
    /// <summary>A complete frame was read.</summary>
    Frame,

    /// <summary>No complete frame yet: read more and call again.</summary>
    Incomplete,

    /// <summary>The frame being read exceeds the maximum size: the connection should be closed.</summary>
    FrameTooLarge,
}
