namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>How PCD-01 messages are read into measurements.</summary>
public sealed record Pcd01MapperOptions
{
    /// <summary>
    /// When set, the patient id is the first PID-3 repetition whose assigning authority (CX.4.1) equals this
    /// (case-insensitive); otherwise the first repetition is used.
    /// </summary>
    public string? PatientIdentifierAuthority { get; init; }

    /// <summary>When set, the PID-3 repetition must also have this identifier type code (CX.5, e.g. "MR").</summary>
    public string? PatientIdentifierType { get; init; }

    /// <summary>The UTC offset applied to times sent without one (the observation is flagged).</summary>
    public TimeSpan DefaultUtcOffset { get; init; } = TimeSpan.Zero;
}
