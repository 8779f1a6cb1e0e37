namespace Iomt.Protocols.Hl7;

/// <summary>
/// Builds original-mode application acknowledgements (HL7 v2.6 §2.9.2; IHE PCD TF-2 Appendix G: PCD-01 uses
/// original mode): MSH with sender and receiver swapped, MSA echoing MSH-10, one ERR per error (§2.15.5).
/// Pure: the caller passes the time and decides AA only after the durable commit.
/// </summary>
public static class Hl7AckBuilder
{
    /// <summary>Encodes the ACK for <paramref name="request"/> (null when the request had no readable MSH).</summary>
    public static string Build(Hl7Message? request, Hl7AckCode code, IReadOnlyList<Hl7Error> errors, Hl7AckOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(options);
        var encoding = request?.Encoding ?? Hl7EncodingCharacters.Default;
        var w = new Hl7MessageWriter(encoding);
        var msh = request?.Header;
        w.StartSegment("MSH");
        if (msh is null)
        {
            w.Field(options.ApplicationName).Field(options.FacilityName).Empty(2);
        }
        else
        {
            // Receiving application/facility become sending ones (§2.14.9.3–6).
            if (msh.Field(5).IsEmpty)
            {
                w.Field(options.ApplicationName);
            }
            else
            {
                w.Copy(msh.Field(5));
            }

            w.Copy(msh.Field(6)).Copy(msh.Field(3)).Copy(msh.Field(4));
        }

        w.Field(Hl7DateTime.Format(now)).Empty();
        var trigger = request?.TriggerEvent ?? "";
        if (trigger.Length == 0)
        {
            w.Field("ACK");
        }
        else
        {
            w.Components("ACK", trigger, "ACK");
        }

        var controlId = request?.ControlId ?? "";
        w.Field(controlId.Length == 0 ? "ACK-UNKNOWN" : "ACK-" + controlId);
        var processing = msh?.Field(11);
        if (processing is { IsEmpty: false } p)
        {
            w.Copy(p);
        }
        else
        {
            w.Field("P");
        }

        w.Field(options.Version);
        w.StartSegment("MSA").Field(CodeText(code));
        if (msh is null)
        {
            w.Empty();
        }
        else
        {
            w.Copy(msh.Field(10));
        }

        foreach (var e in errors)
        {
            w.StartSegment("ERR").Empty()
                .Components(e.LocationComponents())
                .Components(e.Code.Code, e.Code.Text, "HL70357")
                .Field("E").Empty(3)
                .Field(e.Text);
        }

        return w.ToString();
    }

    /// <summary>"AA", "AE" or "AR".</summary>
    public static string CodeText(Hl7AckCode code) => code switch
    {
        Hl7AckCode.ApplicationAccept => "AA",
        Hl7AckCode.ApplicationError => "AE",
        _ => "AR",
    };
}
