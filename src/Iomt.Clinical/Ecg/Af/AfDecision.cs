namespace Iomt.Clinical.Ecg.Af;

/// <summary>The AF label of one RR interval.</summary>
/// <param name="Index">0-based position of the interval in the input stream.</param>
/// <param name="Time">Time of the beat that ends the interval, in seconds.</param>
/// <param name="IsAf">True when the interval is judged to be in atrial fibrillation.</param>
/// <param name="Irregularity">
/// Median RR irregularity of the window around the interval; NaN when fewer than
/// <see cref="RrAfDetector.MinimumIrregularities"/> could be measured, which is no evidence of AF.
/// </param>
/// <param name="PWaveScore">Median P-wave consistency of the window (NaN when not measured: RR intervals only).</param>
public readonly record struct AfDecision(long Index, double Time, bool IsAf, double Irregularity = double.NaN, double PWaveScore = double.NaN);
