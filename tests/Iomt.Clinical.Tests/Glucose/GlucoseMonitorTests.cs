using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

public class GlucoseMonitorTests
{
    private static List<GlucoseAlert> Run(GlucoseMonitor monitor, IEnumerable<GlucoseReading> readings)
    {
        var all = new List<GlucoseAlert>();
        var buffer = new GlucoseAlert[GlucoseMonitor.MaxAlertsPerReading];
        foreach (var reading in readings)
        {
            var count = monitor.Process(reading, buffer);
            all.AddRange(buffer.AsSpan(0, count).ToArray());
        }

        return all;
    }

    [Theory]
    [InlineData(54, GlucoseAlertKind.UrgentLow)]
    [InlineData(55, GlucoseAlertKind.Low)]
    [InlineData(69, GlucoseAlertKind.Low)]
    [InlineData(181, GlucoseAlertKind.High)]
    [InlineData(251, GlucoseAlertKind.UrgentHigh)]
    public void Raises_the_threshold_alert_for_a_reading(double mgDl, GlucoseAlertKind expected)
    {
        Assert.Equal(expected, new GlucoseThresholdAlerter().Process(mgDl));
    }

    [Theory]
    [InlineData(70)]
    [InlineData(120)]
    [InlineData(180)]
    public void Stays_quiet_in_range(double mgDl)
    {
        Assert.Null(new GlucoseThresholdAlerter().Process(mgDl));
    }

    [Fact]
    public void Raises_one_low_alert_for_noise_around_the_threshold()
    {
        var alerter = new GlucoseThresholdAlerter();
        double[] values = [75, 69, 71, 68, 72, 69, 74, 66, 70];

        var alerts = values.Select(alerter.Process).Where(a => a is not null).ToList();

        Assert.Equal([GlucoseAlertKind.Low], alerts);
    }

    [Fact]
    public void Escalates_once_and_clears_after_recovery()
    {
        var alerter = new GlucoseThresholdAlerter();
        double[] values = [68, 60, 54, 52, 56, 53, 66, 60, 85, 65];

        var alerts = values.Select(alerter.Process).Where(a => a is not null).ToList();

        // low, urgent low; 53 after 56 is the same urgent episode; 66 eases to low; 85 clears; 65 is a new low.
        Assert.Equal([GlucoseAlertKind.Low, GlucoseAlertKind.UrgentLow, GlucoseAlertKind.Low], alerts);
    }

    [Fact]
    public void Raises_stale_at_the_moment_data_stopped_and_re_announces_on_resume()
    {
        var monitor = new GlucoseMonitor();
        var readings = new[]
        {
            new GlucoseReading(Traces.Start, 65),
            new GlucoseReading(Traces.Start.AddMinutes(5), 64),
            new GlucoseReading(Traces.Start.AddMinutes(50), 63),
        };

        var alerts = Run(monitor, readings);

        Assert.Equal(
            [
                new GlucoseAlert(Traces.Start, GlucoseAlertKind.Low),
                new GlucoseAlert(Traces.Start.AddMinutes(25), GlucoseAlertKind.Stale),
                new GlucoseAlert(Traces.Start.AddMinutes(50), GlucoseAlertKind.Low),
            ],
            alerts);
    }

    [Fact]
    public void Raises_stale_once_from_a_timer()
    {
        var monitor = new GlucoseMonitor();
        Run(monitor, [new GlucoseReading(Traces.Start, 120)]);

        Assert.False(monitor.CheckStale(Traces.Start.AddMinutes(20), out _));
        Assert.True(monitor.CheckStale(Traces.Start.AddMinutes(21), out var alert));
        Assert.False(monitor.CheckStale(Traces.Start.AddMinutes(40), out _));
        Assert.Equal(new GlucoseAlert(Traces.Start.AddMinutes(20), GlucoseAlertKind.Stale), alert);
    }

    [Fact]
    public void Warns_urgent_low_soon_before_the_urgent_low()
    {
        var alerts = Run(new GlucoseMonitor(), Traces.Line(120, -2, 5, 10));

        Assert.Equal(
            [
                new GlucoseAlert(Traces.Start.AddMinutes(30), GlucoseAlertKind.Low),
                new GlucoseAlert(Traces.Start.AddMinutes(30), GlucoseAlertKind.UrgentLowSoon),
                new GlucoseAlert(Traces.Start.AddMinutes(35), GlucoseAlertKind.UrgentLow),
            ],
            alerts);
    }
}
