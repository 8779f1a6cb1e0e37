namespace Iomt.Protocols.Hl7;

/// <summary>
/// The outcome of <see cref="Hl7Parser.Parse(string)"/>. On error <see cref="Message"/> is still set when the
/// header could be read, so the reject acknowledgement can be addressed to the sender.
/// </summary>
public sealed record Hl7ParseResult(Hl7Message? Message, Hl7ParseError? Error)
{
    /// <summary>True when the whole message parsed.</summary>
    public bool Success => Error is null && Message is not null;
}
