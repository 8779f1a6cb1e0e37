namespace Iomt.Clinical.Glucose;

/// <summary>Nightscout AR2 alarm level from the forecast loss (clinical-reference §7.4 step 4; URGENT = 2, WARN = 1).</summary>
public enum Ar2AlarmLevel
{
    /// <summary>avgLoss ≤ 0.05.</summary>
    None = 0,

    /// <summary>0.05 &lt; avgLoss ≤ 0.10.</summary>
    Warn = 1,

    /// <summary>avgLoss &gt; 0.10.</summary>
    Urgent = 2,
}
