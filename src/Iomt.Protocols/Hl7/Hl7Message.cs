using System.Collections.Immutable;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// A parsed HL7 v2 ER7 message: segments → fields → repetitions → components → subcomponents, read through
/// views over <see cref="Text"/>. Built by <see cref="Hl7Parser"/>.
/// </summary>
public sealed class Hl7Message
{
    internal Hl7Message(string text, Hl7EncodingCharacters encoding, ImmutableArray<Hl7Segment> segments)
    {
        Text = text;
        Encoding = encoding;
        Segments = segments;
    }

    /// <summary>The message text as received.</summary>
    public string Text { get; }

    /// <summary>The delimiters declared in MSH-1/MSH-2.</summary>
    public Hl7EncodingCharacters Encoding { get; }

    /// <summary>All segments in order.</summary>
    public ImmutableArray<Hl7Segment> Segments { get; }

    /// <summary>The MSH segment.</summary>
    public Hl7Segment Header => Segments[0];

    /// <summary>MSH-10, the sender's message control id.</summary>
    public string ControlId => Header.Get(10);

    /// <summary>MSH-9.1, e.g. "ORU".</summary>
    public string MessageCode => Header.Get(9, component: 1);

    /// <summary>MSH-9.2, e.g. "R01".</summary>
    public string TriggerEvent => Header.Get(9, component: 2);

    /// <summary>The <paramref name="occurrence"/>-th segment with this id, or null.</summary>
    public Hl7Segment? Segment(string id, int occurrence = 1)
    {
        foreach (var s in Segments)
        {
            if (s.Id == id && s.Sequence == occurrence)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>The decoded text at a position, e.g. <c>Get("OBX", 3, component: 1)</c> ("" when absent).</summary>
    public string Get(string segmentId, int field, int repetition = 1, int component = 1, int subcomponent = 1, int occurrence = 1) =>
        Segment(segmentId, occurrence)?.Get(field, repetition, component, subcomponent) ?? "";
}
