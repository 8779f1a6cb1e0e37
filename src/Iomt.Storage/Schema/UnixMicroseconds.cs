namespace Iomt.Storage.Schema;

/// <summary>Times as integer microseconds since 1970-01-01 UTC: PostgreSQL's timestamptz precision, compact in SQLite.</summary>
public static class UnixMicroseconds
{
    /// <summary>Microseconds since the Unix epoch (sub-microsecond ticks truncated).</summary>
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>The UTC time of a stored value.</summary>
    public static DateTimeOffset ToTime(long microseconds) => new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * 10), TimeSpan.Zero);

    /// <summary>A UTC time truncated to microseconds, as the stores keep it.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => ToTime(From(time));
}
