namespace Iomt.Core.Measurements;

/// <summary>A code in a code system: what was measured (e.g. LOINC 8867-4, heart rate).</summary>
public readonly record struct ObservationCode(string System, string Code)
{
    /// <summary>A LOINC code.</summary>
    public static ObservationCode Loinc(string code) => new(CodeSystems.Loinc, code);

    /// <summary>An IEEE 11073 MDC code (numeric term code as text).</summary>
    public static ObservationCode Mdc(string code) => new(CodeSystems.Mdc, code);

    /// <inheritdoc />
    public override string ToString() => $"{System}|{Code}";
}
