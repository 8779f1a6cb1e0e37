using System.Text;
using Iomt.Server.Api.Readings;

namespace Iomt.Server.Tests.Api;

public sealed class ReadingBatchParserTests
{
    private const string Good = """{"id":"1","deviceId":"d","code":"8867-4","value":72,"unit":"/min","time":"2026-11-22T10:00:00Z"}""";

    [Fact]
    public void Invalid_utf8_inside_a_string_is_a_syntax_error_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + Good.Replace("\"d\"", "\"dX\"", StringComparison.Ordinal) + "]");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0x90;
        Assert.Null(ReadingBatchParser.Parse(bytes, out var error));
        Assert.Equal("$", error!.Field);
        Assert.Contains("UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_escape_is_a_syntax_error_not_an_exception()
    {
        var json = "[" + Good.Replace("\"d\"", "\"\\ud800\"", StringComparison.Ordinal) + "]";
        Assert.Null(ReadingBatchParser.Parse(Encoding.UTF8.GetBytes(json), out var error));
        Assert.Contains("surrogate", error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_in_one_item_fails_only_that_item()
    {
        var items = ReadingBatchParser.Parse(Encoding.UTF8.GetBytes("[" + Good + "," + Good.Replace("72", "\"x\"", StringComparison.Ordinal) + "]"), out _)!;
        Assert.NotNull(items[0].Measurement);
        Assert.Equal("$[1].value", items[1].DecodeError!.Field);
    }

    [Theory]
    [InlineData("""{"code":{"a":1},"value":1,"unit":"x"}""", "$[1].components[0].code")]
    [InlineData("""{"value":[1,2],"code":"x","unit":"x"}""", "$[1].components[0].value")]
    public void A_component_member_of_the_wrong_kind_fails_only_its_reading(string component, string field)
    {
        var panel = "{\"id\":\"2\",\"deviceId\":\"d\",\"code\":\"85354-9\",\"time\":\"2026-11-22T10:00:00Z\",\"components\":[" + component + "]}";
        var items = ReadingBatchParser.Parse(Encoding.UTF8.GetBytes("[" + Good + "," + panel + "," + Good + "," + Good + "]"), out var error)!;
        Assert.Null(error);
        Assert.Equal(4, items.Count);
        Assert.Equal(field, items[1].DecodeError!.Field);
        Assert.All(new[] { items[0], items[2], items[3] }, i => Assert.NotNull(i.Measurement));
    }

    [Fact]
    public void Random_mutations_never_throw()
    {
        var seed = Encoding.UTF8.GetBytes("[" + Good + "," + Good + "]");
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])seed.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length);
            var items = ReadingBatchParser.Parse(bytes.AsSpan(0, length), out var error);
            Assert.True(items is not null || error is not null);
        }
    }

    [Fact]
    public void Values_that_change_between_items_are_not_carried_over_from_the_previous_one()
    {
        var items = ReadingBatchParser.Parse("""
            [
              {"id":"1","deviceId":"dev-a","patientId":"p-1","code":"8867-4","value":70,"unit":"/min","time":"2026-11-22T10:00:00Z"},
              {"id":"2","deviceId":"dev-b","code":"29463-7","system":"http://loinc.org","value":70.5,"unit":"kg","time":"2026-11-22T10:00:00Z"},
              {"id":"3","deviceId":"dev\u002da","patientId":"p-2","code":"8867-4","value":71,"unit":"/min","time":"2026-11-22T10:00:00Z"},
              {"ignored":{"deviceId":"x"},"id":"4","deviceId":"dev-a","patientId":"p-2","code":"8867-4","value":72,"unit":"/min","time":"2026-11-22T10:00:00Z"}
            ]
            """u8, out var error)!;

        Assert.Null(error);
        var m = items.Select(i => i.Measurement!).ToList();
        Assert.Equal(["dev-a", "dev-b", "dev-a", "dev-a"], m.Select(x => x.DeviceId));
        Assert.Equal(["p-1", null, "p-2", "p-2"], m.Select(x => x.PatientId));
        Assert.Equal(["8867-4", "29463-7", "8867-4", "8867-4"], m.Select(x => x.Code.Code));
        Assert.Equal(["/min", "kg", "/min", "/min"], m.Select(x => x.Unit));
    }
}
