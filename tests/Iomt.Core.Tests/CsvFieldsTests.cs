using Iomt.Core.Text;

namespace Iomt.Core.Tests;

public sealed class CsvFieldsTests
{
    [Theory]
    [InlineData("time_s,rr_s", new[] { "time_s", "rr_s" })]
    [InlineData("\"time_s\",\"rr_s\"", new[] { "time_s", "rr_s" })]
    [InlineData("\"2026-11-23 10:00:00\",95", new[] { "2026-11-23 10:00:00", "95" })]
    [InlineData("\"a, b\",\"say \"\"hi\"\"\",", new[] { "a, b", "say \"hi\"", "" })]
    [InlineData(" 1.5 , \"2\" ", new[] { " 1.5 ", " 2 " })]
    [InlineData("", new[] { "" })]
    public void Splits_plain_and_quoted_fields(string line, string[] expected) => Assert.Equal(expected, CsvFields.Split(line));

    [Fact]
    public void An_unclosed_quote_keeps_the_rest_of_the_line_as_one_field()
    {
        Assert.Equal(["1", "2,3"], CsvFields.Split("1,\"2,3"));
    }
}
