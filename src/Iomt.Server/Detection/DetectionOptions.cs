namespace Iomt.Server.Detection;

/// <summary>Settings of the detection runner (configuration section "Detection").</summary>
public sealed class DetectionOptions
{
    /// <summary>Runs the detectors on the committed feed (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a partition with no new events still records its checkpoint (each record takes the store's write lock; a restart replays at most this much of the feed).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the clock-driven checks run (a CGM that stopped sending raises <c>stale</c>).</summary>
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A stream with no reading for this long (wall clock) is dropped from memory; its next reading warms it up again.</summary>
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Readings read from the store per page when catching up.</summary>
    public int ReplayPageSize { get; set; } = 2000;
}
