namespace Iomt.Protocols.Hl7;

/// <summary>A code of HL7 table 0357 (message error condition codes) with its text.</summary>
public readonly record struct Hl7ErrorCode(string Code, string Text)
{
    /// <summary>100: segment sequence error (no MSH, unparseable segment).</summary>
    public static Hl7ErrorCode SegmentSequenceError { get; } = new("100", "Segment sequence error");

    /// <summary>101: required field missing.</summary>
    public static Hl7ErrorCode RequiredFieldMissing { get; } = new("101", "Required field missing");

    /// <summary>102: data type error.</summary>
    public static Hl7ErrorCode DataTypeError { get; } = new("102", "Data type error");

    /// <summary>103: table value not found.</summary>
    public static Hl7ErrorCode TableValueNotFound { get; } = new("103", "Table value not found");

    /// <summary>200: unsupported message type.</summary>
    public static Hl7ErrorCode UnsupportedMessageType { get; } = new("200", "Unsupported message type");

    /// <summary>201: unsupported event code.</summary>
    public static Hl7ErrorCode UnsupportedEventCode { get; } = new("201", "Unsupported event code");

    /// <summary>207: application internal error (e.g. storage unavailable).</summary>
    public static Hl7ErrorCode ApplicationInternalError { get; } = new("207", "Application internal error");
}
