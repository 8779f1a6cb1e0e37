using System.Text;

namespace Iomt.Protocols.Hl7;

/// <summary>
/// Encodes an HL7 v2 message in ER7: segments end with CR (§2.5.3) and text is escaped (§2.7). After
/// <c>StartSegment("MSH")</c>, which writes MSH-1 and MSH-2, the first field added is MSH-3.
/// </summary>
public sealed class Hl7MessageWriter
{
    private readonly StringBuilder _sb = new(256);
    private bool _inSegment;

    /// <summary>Creates a writer with the given delimiters.</summary>
    public Hl7MessageWriter(Hl7EncodingCharacters encoding) => Encoding = encoding;

    /// <summary>The delimiters written.</summary>
    public Hl7EncodingCharacters Encoding { get; }

    /// <summary>Starts a segment (ends the previous one).</summary>
    public Hl7MessageWriter StartSegment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        EndSegment();
        _sb.Append(id);
        if (id == "MSH")
        {
            _sb.Append(Encoding.Field).Append(Encoding.EncodingField);
        }

        _inSegment = true;
        return this;
    }

    /// <summary>Adds a field holding one escaped value.</summary>
    public Hl7MessageWriter Field(string? value)
    {
        _sb.Append(Encoding.Field);
        Hl7Escaping.Escape(_sb, value, Encoding);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> empty fields.</summary>
    public Hl7MessageWriter Empty(int count = 1)
    {
        _sb.Append(Encoding.Field, count);
        return this;
    }

    /// <summary>Adds a field of escaped components (trailing empty components are dropped).</summary>
    public Hl7MessageWriter Components(params ReadOnlySpan<string?> components)
    {
        _sb.Append(Encoding.Field);
        var last = components.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(components[last]))
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                _sb.Append(Encoding.Component);
            }

            Hl7Escaping.Escape(_sb, components[i], Encoding);
        }

        return this;
    }

    /// <summary>Adds a fully structured field: repetitions → components → subcomponents, each escaped.</summary>
    public Hl7MessageWriter Structured(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        _sb.Append(Encoding.Field);
        for (var r = 0; r < repetitions.Count; r++)
        {
            if (r > 0)
            {
                _sb.Append(Encoding.Repetition);
            }

            for (var c = 0; c < repetitions[r].Count; c++)
            {
                if (c > 0)
                {
                    _sb.Append(Encoding.Component);
                }

                for (var s = 0; s < repetitions[r][c].Count; s++)
                {
                    if (s > 0)
                    {
                        _sb.Append(Encoding.Subcomponent);
                    }

                    Hl7Escaping.Escape(_sb, repetitions[r][c][s], Encoding);
                }
            }
        }

        return this;
    }

    /// <summary>Copies a parsed field, re-encoding it when the delimiters differ.</summary>
    public Hl7MessageWriter Copy(Hl7Field field)
    {
        _sb.Append(Encoding.Field);
        if (field.Encoding == Encoding)
        {
            _sb.Append(field.Raw);
            return this;
        }

        for (var r = 1; r <= field.RepetitionCount; r++)
        {
            if (r > 1)
            {
                _sb.Append(Encoding.Repetition);
            }

            var rep = field.Repetition(r);
            for (var c = 1; c <= rep.ComponentCount; c++)
            {
                if (c > 1)
                {
                    _sb.Append(Encoding.Component);
                }

                var comp = rep.Component(c);
                for (var s = 1; s <= comp.SubcomponentCount; s++)
                {
                    if (s > 1)
                    {
                        _sb.Append(Encoding.Subcomponent);
                    }

                    Hl7Escaping.Escape(_sb, comp.Subcomponent(s), Encoding);
                }
            }
        }

        return this;
    }

    /// <summary>The encoded message, every segment terminated by CR.</summary>
    public override string ToString()
    {
        EndSegment();
        return _sb.ToString();
    }

    private void EndSegment()
    {
        if (_inSegment)
        {
            _sb.Append('\r');
            _inSegment = false;
        }
    }
}
