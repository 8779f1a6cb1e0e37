using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;

namespace Iomt.Protocols.Tests.Hl7;

public class Hl7AckBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 15, 3, TimeSpan.Zero);

    private static string AckFor(string request) => AckStructure.AckFor(request, Now);

    [Theory]
    [MemberData(nameof(Pcd01Cases.RequestFiles), MemberType = typeof(Pcd01Cases))]
    public void ACK_matches_the_structure_of_the_response_file(string file)
    {
        var response = Pcd01Cases.Case(file).Str("response")!;
        AckStructure.AssertSameStructure(Pcd01Cases.Read(response), AckFor(Pcd01Cases.Read(file)));
    }

    [Fact]
    public void ACK_echoes_the_control_id_and_uses_the_request_delimiters()
    {
        var ack = AckFor(Pcd01Cases.Read("10-custom-encoding-characters.request.hl7"));
        Assert.StartsWith("MSH|$%!#|OpenIoMT|HOSPITAL_A|PAT_MONITOR$0012A3FFFE4B5C6D$EUI-64|ICU_3WEST|20260314091503+0000||ACK$R01$ACK|ACK-MSG-20260322-0010|P|2.6\r", ack, StringComparison.Ordinal);
        Assert.EndsWith("\rMSA|AA|MSG-20260322-0010\r", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void ERR_text_is_escaped_so_delimiters_in_it_cannot_break_the_ACK()
    {
        var error = Hl7Error.AtComponent("OBX", 1, 5, Hl7ErrorCode.DataTypeError, "OBX-5 value 1|2^3 is not a valid NM number");
        var ack = Hl7AckBuilder.Build(null, Hl7AckCode.ApplicationError, [error], new Hl7AckOptions(), Now);
        Assert.Contains("ERR||OBX^1^5^1^1|102^Data type error^HL70357|E||||OBX-5 value 1\\F\\2\\S\\3 is not a valid NM number\r", ack, StringComparison.Ordinal);
        Assert.Equal("OBX-5 value 1|2^3 is not a valid NM number", Hl7Parser.Parse(ack).Message!.Get("ERR", 8));
    }

    [Fact]
    public void The_structure_check_rejects_an_ACK_for_another_request()
    {
        var wrong = AckFor(Pcd01Cases.Read("02-pulse-oximeter-spo2-pulse-rate.request.hl7"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AckStructure.AssertSameStructure(Pcd01Cases.Read("01-nibp-monitor.response.hl7"), wrong));
        var ae = AckFor(Pcd01Cases.Read("15-bad-numeric-value-ae.request.hl7"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AckStructure.AssertSameStructure(Pcd01Cases.Read("13-unknown-mdc-code-ae.response.hl7"), ae));
    }
}
