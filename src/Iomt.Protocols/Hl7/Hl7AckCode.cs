namespace Iomt.Protocols.Hl7;

/// <summary>MSA-1 acknowledgement codes of original mode (HL7 table 0008).</summary>
public enum Hl7AckCode
{
    /// <summary>AA: processed and durable.</summary>
    ApplicationAccept,

    /// <summary>AE: content error; nothing stored.</summary>
    ApplicationError,

    /// <summary>AR: rejected (unsupported type, unparseable header, or the system could not process it now).</summary>
    ApplicationReject,
}
