namespace Iomt.Clinical.Falls;

/// <summary>Configuration of <see cref="InactivityDetector"/> (smart-home "no movement for too long").</summary>
public sealed record InactivityDetectorOptions
{
    /// <summary>How long without movement before an inactivity event is raised (s). Default 30 min, a common smart-home setting; configure per person and time of day.</summary>
    public double MaxStillS { get; init; } = 30 * 60;

    /// <summary>Length of the blocks movement is judged on (s).</summary>
    public double BlockS { get; init; } = 1;

    /// <summary>
    /// A block is still when every axis, low-pass filtered (<see cref="LowPassHz"/>), stays within this range (g, max −
    /// min). 0.1 g is above sensor noise and breathing at the waist, below any step or posture change.
    /// </summary>
    public double StillRangeG { get; init; } = 0.1;

    /// <summary>
    /// Corner of the first-order low-pass each axis is judged through (Hz). The raw range of sensor noise grows with the
    /// samples in a block: SisFall's ADXL345 (about 0.01 g of noise) spans 0.07 g per 1-s block at 200 Hz, 0.1 g or more
    /// in 15 % of the blocks of its wearers lying after a fall, so the still time kept restarting; white noise of 0.02 g
    /// never passed for still at 200 Hz. Filtered at 1 Hz, 3 % of those blocks and none of the noise's. Steps and
    /// posture changes last longer than a second and pass the filter.
    /// </summary>
    public double LowPassHz { get; init; } = 1;

    /// <summary>
    /// Longest pause between two samples that is still observation (s). Over a longer gap nothing is known of the
    /// wearer (a sensor taken off to charge, a lost link), so the still time pauses for the gap's length rather than
    /// counting it as stillness. 10 s: ten blocks, far above any sampling interval from 12 Hz up.
    /// </summary>
    public double MaxGapS { get; init; } = 10;
}
