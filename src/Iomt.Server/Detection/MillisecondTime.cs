namespace Iomt.Server.Detection;

/// <summary>
/// Times derived from an origin and an offset in seconds, rounded to whole milliseconds: such a time is part of an
/// identity (an event's onset, a beat's message id), and a stream restarted with another origin must compute the
/// same value for the same instant despite floating-point rounding.
/// </summary>
internal static class MillisecondTime
{
    /// <summary><paramref name="origin"/> + <paramref name="seconds"/>, to the nearest millisecond, in UTC.</summary>
    public static DateTimeOffset At(DateTimeOffset origin, double seconds)
    {
        var ticks = origin.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
        return new DateTimeOffset((ticks + (TimeSpan.TicksPerMillisecond / 2)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
