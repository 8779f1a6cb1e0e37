namespace Iomt.Clinical.Ecg.Af;

/// <summary>A stretch of a recording with one rhythm label.</summary>
/// <param name="StartSeconds">Start time in seconds.</param>
/// <param name="EndSeconds">End time in seconds.</param>
/// <param name="IsAf">True for atrial fibrillation.</param>
public readonly record struct RhythmSegment(double StartSeconds, double EndSeconds, bool IsAf);
