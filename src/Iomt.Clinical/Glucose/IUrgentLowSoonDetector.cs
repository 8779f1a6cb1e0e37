namespace Iomt.Clinical.Glucose;

/// <summary>A streaming "urgent low soon" detector: fed readings in time order, says at which ones to alert.</summary>
public interface IUrgentLowSoonDetector
{
    /// <summary>Consumes the next reading (strictly later than the previous one); true to raise <c>urgent_low_soon</c> now.</summary>
    bool Process(GlucoseReading reading);

    /// <summary>Forgets all history (a new patient or sensor session).</summary>
    void Reset();
}
