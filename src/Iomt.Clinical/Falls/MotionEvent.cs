namespace Iomt.Clinical.Falls;

/// <summary>An event raised by a motion detector at <see cref="TimeS"/>, the time it would be raised in real time.</summary>
/// <param name="TimeS">Stream time (seconds) at which the detector had enough data to raise the event.</param>
/// <param name="Kind">Fall or inactivity.</param>
public readonly record struct MotionEvent(double TimeS, MotionEventKind Kind)
{
    /// <summary>The lower-case name used in CSV output (<c>fall</c>, <c>inactivity</c>).</summary>
    public string Name => Kind == MotionEventKind.Fall ? "fall" : "inactivity";
}
