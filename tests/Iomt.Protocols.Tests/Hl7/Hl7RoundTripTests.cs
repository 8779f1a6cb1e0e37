using FsCheck;
using FsCheck.Fluent;
using Iomt.Protocols.Hl7;

namespace Iomt.Protocols.Tests.Hl7;

public class Hl7RoundTripTests
{
    private static readonly string[] Atoms = ["a", "Z", "7", " ", ".", "é", "|", "^", "~", "\\", "&", "$", "%", "!", "#", "\r", "\n", "\\F\\", "\\X41\\"];

    private static Gen<string> Text() =>
        Gen.Elements(Atoms).ListOf().Select(parts => string.Concat(parts.Take(6)));

    private static Gen<string[][][]> Field() =>
        Text().ArrayOf().Select(a => a.Take(3).ToArray()).Where(a => a.Length > 0)
            .ArrayOf().Select(a => a.Take(3).ToArray()).Where(a => a.Length > 0)
            .ArrayOf().Select(a => a.Take(3).ToArray()).Where(a => a.Length > 0);

    [Fact]
    public void Encode_then_parse_gives_back_every_subcomponent()
    {
        var encodings = new[] { Hl7EncodingCharacters.Default, new Hl7EncodingCharacters('|', '$', '%', '!', '#') };
        var gen = from enc in Gen.Elements(encodings)
                  from fields in Field().ArrayOf().Select(f => f.Take(5).ToArray())
                  select (enc, fields);
        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (enc, fields) = input;
            var writer = new Hl7MessageWriter(enc).StartSegment("MSH").Field("APP").StartSegment("ZZ1");
            foreach (var f in fields)
            {
                writer.Structured(f);
            }

            var parsed = Hl7Parser.Parse(writer.ToString());
            Assert.True(parsed.Success, parsed.Error?.ToString());
            var segment = parsed.Message!.Segment("ZZ1")!;
            for (var f = 0; f < fields.Length; f++)
            {
                for (var r = 0; r < fields[f].Length; r++)
                {
                    for (var c = 0; c < fields[f][r].Length; c++)
                    {
                        for (var s = 0; s < fields[f][r][c].Length; s++)
                        {
                            Assert.Equal(fields[f][r][c][s], segment.Get(f + 1, r + 1, c + 1, s + 1));
                        }
                    }
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Copying_a_field_into_other_delimiters_keeps_its_content()
    {
        var source = Hl7Parser.Parse(Pcd01Cases.Read("10-custom-encoding-characters.request.hl7")).Message!;
        var writer = new Hl7MessageWriter(Hl7EncodingCharacters.Default).StartSegment("MSH");
        writer.Copy(source.Header.Field(3)).StartSegment("NTE").Copy(source.Segment("NTE")!.Field(3));
        var copy = Hl7Parser.Parse(writer.ToString()).Message!;
        Assert.Equal("PAT_MONITOR^0012A3FFFE4B5C6D^EUI-64", copy.Header.Field(3).Raw.ToString());
        Assert.Equal(source.Get("NTE", 3), copy.Get("NTE", 1));
    }
}
