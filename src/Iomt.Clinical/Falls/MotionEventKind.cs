namespace Iomt.Clinical.Falls;

/// <summary>What a motion detector raised.</summary>
public enum MotionEventKind
{
    /// <summary>A fall: impact followed by a changed, quiet posture.</summary>
    Fall,

    /// <summary>No movement for longer than the configured time (smart-home monitoring).</summary>
    Inactivity,
}
