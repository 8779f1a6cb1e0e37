using Iomt.Protocols.Fhir.Terminology;

namespace Iomt.Protocols.Tests.Fhir;

public class UcumSyntaxTests
{
    [Theory]
    [InlineData("/min")]
    [InlineData("mm[Hg]")]
    [InlineData("Cel")]
    [InlineData("[degF]")]
    [InlineData("kg/m2")]
    [InlineData("g/cm-2")]
    [InlineData("10*12/L")]
    [InlineData("{score}")]
    [InlineData("mmol/L")]
    [InlineData("%")]
    [InlineData("[lb_av]")]
    [InlineData("mL/(kg.min)")]
    [InlineData("{beats}/min")]
    [InlineData("uV")]
    public void Accepts_valid_ucum(string unit) => Assert.True(UcumSyntax.IsValid(unit), unit);

    [Theory]
    [InlineData("beats/minute")]
    [InlineData("bpm")]
    [InlineData("mmHg")]
    [InlineData("°C")]
    [InlineData("")]
    [InlineData("kg/")]
    [InlineData("mL/(kg.min")]
    [InlineData("10*")]
    [InlineData("kg m")]
    public void Rejects_invalid_ucum(string unit) => Assert.False(UcumSyntax.IsValid(unit), unit);
}
