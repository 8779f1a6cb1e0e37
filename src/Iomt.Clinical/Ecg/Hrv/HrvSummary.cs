namespace Iomt.Clinical.Ecg.Hrv;

/// <summary>Time-domain heart rate variability (Task Force of the ESC and NASPE 1996), from NN intervals.</summary>
/// <param name="NnCount">NN intervals used.</param>
/// <param name="MeanHeartRateBpm">60 / mean NN interval.</param>
/// <param name="SdnnMs">Standard deviation of the NN intervals, ms.</param>
/// <param name="RmssdMs">Root mean square of successive NN differences, ms.</param>
/// <param name="Pnn50Percent">Share of successive NN differences above 50 ms, per cent.</param>
public sealed record HrvSummary(int NnCount, double MeanHeartRateBpm, double SdnnMs, double RmssdMs, double Pnn50Percent);
