namespace Iomt.Clinical.Glucose;

/// <summary>Nightscout AR2 event type chosen from the +20-minute prediction (clinical-reference §7.4 step 5).</summary>
public enum Ar2EventType
{
    /// <summary>Neither above the target top nor below the target bottom ("Check BG").</summary>
    General,

    /// <summary>+20-min prediction above <c>bgTargetTop</c>.</summary>
    High,

    /// <summary>+20-min prediction below <c>bgTargetBottom</c>.</summary>
    Low,
}
