namespace Iomt.Clinical.Falls.SisFall;

/// <summary>A recording or an error message naming the file and line.</summary>
public sealed record MotionReadResult(MotionRecording? Recording, string? Error)
{
    /// <summary>A successful read.</summary>
    public static MotionReadResult Ok(MotionRecording recording) => new(recording, null);

    /// <summary>A failed read.</summary>
    public static MotionReadResult Fail(string error) => new(null, error);
}
