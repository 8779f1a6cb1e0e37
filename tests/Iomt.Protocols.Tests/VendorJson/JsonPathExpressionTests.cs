using System.Text.Json;
using Iomt.Protocols.VendorJson;

namespace Iomt.Protocols.Tests.VendorJson;

public class JsonPathExpressionTests
{
    private static readonly JsonElement Doc = JsonDocument.Parse("""
        {"a":{"b":[10,20,30],"c":"x"},"items":[{"k":"hr","v":60},{"k":"rr","v":12},{"k":"hr","v":61}],"n":{"deep":{"v":7}}}
        """).RootElement;

    private static string[] Eval(string path) =>
        [.. JsonPathExpression.TryParse(path, out var error)!.Select(Doc, Doc).Select(e => e.GetRawText())];

    [Theory]
    [InlineData("$.a.c", "\"x\"")]
    [InlineData("$['a']['c']", "\"x\"")]
    [InlineData("$.a.b[1]", "20")]
    [InlineData("$.a.b[-1]", "30")]
    [InlineData("$.a.b[*]", "10|20|30")]
    [InlineData("$.items[?(@.k == 'hr')].v", "60|61")]
    [InlineData("$.items[?(@.k != 'hr')].v", "12")]
    [InlineData("$.items[?(@.v)].k", "\"hr\"|\"rr\"|\"hr\"")]
    [InlineData("$..v", "60|12|61|7")]
    [InlineData("$.a.missing", "")]
    [InlineData("$.a.b[9]", "")]
    public void Selects_the_expected_values(string path, string expected)
    {
        Assert.Equal(expected, string.Join('|', Eval(path)));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$.items[?(@.k == 'hr']")]
    [InlineData("$..")]
    public void Rejects_malformed_expressions_with_a_reason(string path)
    {
        Assert.Null(JsonPathExpression.TryParse(path, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
