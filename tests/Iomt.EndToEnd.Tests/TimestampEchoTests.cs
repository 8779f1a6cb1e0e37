using System.Globalization;
using Iomt.Cli.Analyze;

namespace Iomt.EndToEnd.Tests;

public class TimestampEchoTests
{
    [Theory]
    [InlineData("2023-12-12T00:04-05:00", "2023-12-12T00:24:00-05:00")]
    [InlineData("2023-12-12T00:04:00-05:00", "2023-12-12T00:24:00-05:00")]
    [InlineData("2023-12-12 07:04:00.250+02:00", "2023-12-12 07:24:00.000+02:00")]
    [InlineData("2023-12-12T05:04:00Z", "2023-12-12T05:24:00Z")]
    [InlineData("2023-12-12 05:04:00", "2023-12-12 05:24:00")]
    [InlineData("2023-12-12 05:04", "2023-12-12 05:24:00")]
    public void A_stale_alert_is_written_in_the_form_and_offset_of_the_input(string input, string expected)
    {
        // The stale alert has no row of its own: it is timed 20 min after the last reading (05:04 UTC) and written as the
        // input writes its times. An offset after a time without seconds was once taken for none: the alert came out in
        // UTC, 5 h off the other rows.
        var echo = new TimestampEcho(input, DateTimeOffset.Parse(input, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

        Assert.Equal(expected, echo.Format(new DateTimeOffset(2023, 12, 12, 5, 24, 0, TimeSpan.Zero)));
    }
}
