using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;

namespace Iomt.Protocols.Tests.Hl7;

/// <summary>Builds ACKs for requests and compares them with the response fixtures.</summary>
public static class AckStructure
{
    /// <summary>The platform facility used when a request has no MSH (case 17 names HOSPITAL_A).</summary>
    public static readonly Hl7AckOptions Options = new() { FacilityName = "HOSPITAL_A" };

    /// <summary>The ACK the platform sends for a request: ERR per mapping error, AA when the mapping is clean.</summary>
    public static string AckFor(string requestText, DateTimeOffset now)
    {
        var parsed = Hl7Parser.Parse(requestText);
        var result = new Pcd01Mapper().Map(parsed);
        return Hl7AckBuilder.Build(result.Message, result.Ack, result.Errors, Options, now);
    }

    /// <summary>
    /// Compares an ACK with a response fixture field by field, each parsed with its own delimiters. Every field
    /// must match except MSH-7 (time of the ACK) and MSH-10 (the ACK's own control id), which only need to be
    /// present and well formed.
    /// </summary>
    public static void AssertSameStructure(string expectedText, string actualText)
    {
        var expected = Hl7Parser.Parse(expectedText);
        var actual = Hl7Parser.Parse(actualText);
        Assert.True(expected.Success, expected.Error?.ToString());
        Assert.True(actual.Success, actual.Error?.ToString());
        var e = expected.Message!;
        var a = actual.Message!;
        Assert.Equal(e.Encoding, a.Encoding);
        Assert.Equal(e.Segments.Select(s => s.Id), a.Segments.Select(s => s.Id));
        for (var i = 0; i < e.Segments.Length; i++)
        {
            var es = e.Segments[i];
            var @as = a.Segments[i];
            Assert.Equal(es.FieldCount, @as.FieldCount);
            for (var f = 1; f <= es.FieldCount; f++)
            {
                if (es.Id == "MSH" && f is 7 or 10)
                {
                    continue;
                }

                Assert.True(Canonical(es.Field(f)) == Canonical(@as.Field(f)), $"{es.Id}-{f}: expected '{Canonical(es.Field(f))}', got '{Canonical(@as.Field(f))}'");
            }
        }

        Assert.True(Hl7DateTime.TryParse(a.Header.Field(7).Raw, TimeSpan.Zero, out _, out var hasOffset) && hasOffset);
        Assert.False(a.Header.Field(10).IsEmpty);
    }

    /// <summary>A delimiter-independent rendering of a field's structure.</summary>
    private static string Canonical(Hl7Field field) =>
        string.Join(" ~ ", Enumerable.Range(1, field.RepetitionCount).Select(r =>
        {
            var rep = field.Repetition(r);
            return string.Join(" ^ ", Enumerable.Range(1, rep.ComponentCount).Select(c =>
            {
                var comp = rep.Component(c);
                return string.Join(" & ", Enumerable.Range(1, comp.SubcomponentCount).Select(comp.Subcomponent));
            }));
        }));
}
