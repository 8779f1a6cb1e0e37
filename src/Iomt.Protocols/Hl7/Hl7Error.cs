using System.Globalization;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// One error reported in an ERR segment: the location (ERR-2, an ERL: segment id, occurrence, field,
/// repetition, component), the HL7 table 0357 code (ERR-3) and a human-readable text (ERR-8).
/// </summary>
public sealed record Hl7Error(string Segment, int Sequence, int? Field, int? Repetition, int? Component, Hl7ErrorCode Code, string Text)
{
    /// <summary>An error at a whole segment, e.g. <c>MSH^1</c>.</summary>
    public static Hl7Error AtSegment(string segment, int sequence, Hl7ErrorCode code, string text) =>
        new(segment, sequence, null, null, null, code, text);

    /// <summary>An error at a field, e.g. <c>PID^1^3</c>.</summary>
    public static Hl7Error AtField(string segment, int sequence, int field, Hl7ErrorCode code, string text) =>
        new(segment, sequence, field, null, null, code, text);

    /// <summary>An error at the first component of a field, e.g. <c>OBX^4^3^1^1</c>.</summary>
    public static Hl7Error AtComponent(string segment, int sequence, int field, Hl7ErrorCode code, string text) =>
        new(segment, sequence, field, 1, 1, code, text);

    /// <summary>The field name used for dead letters, e.g. "OBX-5" or "MSH".</summary>
    public string FieldName => Field is int f ? $"{Segment}-{f.ToString(CultureInfo.InvariantCulture)}" : Segment;

    /// <summary>ERR-2 components in order.</summary>
    public string?[] LocationComponents() =>
    [
        Segment,
        Sequence.ToString(CultureInfo.InvariantCulture),
        Field?.ToString(CultureInfo.InvariantCulture),
        Repetition?.ToString(CultureInfo.InvariantCulture),
        Component?.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>An error for a parse failure.</summary>
    public static Hl7Error From(Hl7ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Segment, error.Sequence, error.Field, null, null, error.Code, error.Reason);
    }

    /// <inheritdoc />
    public override string ToString() => $"{FieldName} ({Code.Code}): {Text}";
}
