namespace Iomt.Clinical.Falls;

/// <summary>Configuration of <see cref="FallDetector"/>; the defaults are the validated ones (docs/validation/falls.md).</summary>
public sealed record FallDetectorOptions
{
    /// <summary>
    /// Low-pass cut-off applied at the input rate before resampling. Chosen with <see cref="CandidateThresholdG"/> by a
    /// leave-one-subject-out grid search on SisFall (docs/validation/falls.md): below the 5 Hz the SisFall paper used,
    /// brief contacts of daily life (lying down quickly on a bed, turning in it) lose more of their peak than falls do.
    /// </summary>
    public double LowPassCutoffHz { get; init; } = 2.25;

    /// <summary>Rate of the internal uniform grid every feature is computed on, whatever the input rate.</summary>
    public double GridRateHz { get; init; } = 50;

    /// <summary>Filtered acceleration magnitude (g) that opens an impact candidate; it goes with <see cref="LowPassCutoffHz"/>.</summary>
    public double CandidateThresholdG { get; init; } = 1.4;

    /// <summary>How long after the threshold crossing the impact peak is searched for (s).</summary>
    public double PeakSearchS { get; init; } = 0.5;

    /// <summary>How far before the impact the upright posture is taken (s); the free-fall window is the last second.</summary>
    public double PreWindowS { get; init; } = 2.5;

    /// <summary>
    /// How far back before the impact the posture reference may lie (s). A faint or a fall from sitting
    /// often slumps for several seconds before the drop, so the reference is the 1-s posture, between this
    /// far back and <see cref="PreWindowS"/>, most different from the posture after the impact.
    /// </summary>
    public double PostureLookbackS { get; init; } = 6;

    /// <summary>Fixed post-impact window (s): the decision is raised this long after the impact, never later.</summary>
    public double PostWindowS { get; init; } = 2;

    /// <summary>
    /// At the end of a recording (<see cref="FallDetector.Flush"/>), the least post-impact time (s) an impact needs to
    /// be scored on what was recorded after it.
    /// </summary>
    public double MinimumPostAtEndS { get; init; } = 0.75;

    /// <summary>After a fall is raised, further falls within this time (s) are the same fall.</summary>
    public double RefractoryS { get; init; } = 10;

    /// <summary>A gap in the samples longer than this (s) restarts the detector.</summary>
    public double MaxGapS { get; init; } = 1;

    /// <summary>
    /// A gap in the samples at least this long (s; lost packets) may hide an impact: the magnitude across it is
    /// interpolated, so the peak is gone. When the magnitude was in free fall (below <see cref="FreeFallG"/>) in the
    /// half second before such a gap, a candidate opens at the first sample after it, and its impact counts as at
    /// least <see cref="CandidateThresholdG"/>.
    /// </summary>
    public double HiddenImpactGapS { get; init; } = 0.15;

    /// <summary>
    /// Filtered magnitude (g) taken as free fall before a gap, or before a single reading at <see cref="SaturationG"/>:
    /// Bourke 2007's lower fall threshold.
    /// </summary>
    public double FreeFallG { get; init; } = 0.6;

    /// <summary>
    /// An axis that repeats exactly the same reading of at least this many g (either sign) for
    /// <see cref="SaturationMinS"/> is taken as a sensor at its full-scale limit, and opens a candidate like a crossing of
    /// <see cref="CandidateThresholdG"/>: the clipped impact is then scored on its other features. ±2 g sensors (many
    /// phones) clip at 1.999–2.0 g; stronger sensors clip only on impacts that cross the threshold anyway. Below about
    /// 33 Hz (a sampling interval of 1.5 × <see cref="SaturationMinS"/> or more) a clipped impact often fills a single
    /// sample, so no reading repeats; there, the first reading at this level also opens a candidate when the filtered
    /// magnitude was in free fall (<see cref="FreeFallG"/>) in the half second before it.
    /// <see cref="double.PositiveInfinity"/> turns both off.
    /// </summary>
    public double SaturationG { get; init; } = 1.9;

    /// <summary>
    /// How long (s) an axis must hold the same reading to count as saturated (<see cref="SaturationG"/>): one sample
    /// period at 50 Hz, so two samples at 25–50 Hz, five at 200 Hz. A shorter run of equal readings at a peak happens
    /// with coarse quantisation; measured on SisFall clipped to ±2 g in docs/validation/falls.md. The hold is reached
    /// when the run spans it in time or in sampling periods at the detector's rate, so uneven sample times (phones) do
    /// not hide it.
    /// </summary>
    public double SaturationMinS { get; init; } = 0.02;

    /// <summary>The candidate classifier.</summary>
    public FallModel Model { get; init; } = FallModelDefaults.Waist;
}
