using Iomt.Clinical.Ecg.Af;

namespace Iomt.Clinical.Ecg;

/// <summary>Receives what an <see cref="EcgLeadAnalyzer"/> finds, in the order it finds it.</summary>
public interface IEcgLeadSink
{
    /// <summary>
    /// A beat: its sample number (the detection fiducial, which the AF detector's thresholds were validated with) and its
    /// position (<see cref="Qrs.QrsDetector.PositionOf"/>: a sub-sample time for RR intervals and HRV).
    /// </summary>
    void OnBeat(long sample, double position);

    /// <summary>
    /// The final AF label of an RR interval, decided when the beat at sample <paramref name="raisedAt"/> arrived (or, at
    /// the end, the last beat).
    /// </summary>
    void OnAfDecision(AfDecision decision, long raisedAt);
}
