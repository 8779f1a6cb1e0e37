namespace Iomt.Protocols.Hl7;

/// <summary>Why a message could not be parsed, located as an HL7 error location (segment, occurrence, field).</summary>
public sealed record Hl7ParseError(string Segment, int Sequence, int? Field, Hl7ErrorCode Code, string Reason)
{
    /// <summary>"MSH-2", or "MSH" when no field applies.</summary>
    public string Location => Field is int f ? $"{Segment}-{f}" : Segment;

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Reason}";
}
