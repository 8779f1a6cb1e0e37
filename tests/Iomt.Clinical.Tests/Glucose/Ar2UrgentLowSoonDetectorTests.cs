using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

public class Ar2UrgentLowSoonDetectorTests
{
    [Fact]
    public void Interpolates_the_five_minute_value_after_an_eleven_minute_gap()
    {
        var detector = new Ar2UrgentLowSoonDetector();
        detector.Process(new GlucoseReading(Traces.Start, 120));
        detector.Process(new GlucoseReading(Traces.Start.AddMinutes(11), 85));

        // §7.4 vector: mean5 = 100.909 (interpolated); predictions 75, 69, 66, 63 …
        Assert.Equal(100.909, detector.Mean5, 0.001);
        Assert.Equal(63, detector.Forecast20);
    }

    [Fact]
    public void Uses_bucket_means_when_readings_come_every_minute()
    {
        var detector = new Ar2UrgentLowSoonDetector();
        foreach (var reading in Traces.Every(1, 100, 101, 102, 103, 104, 105, 106, 107, 108))
        {
            detector.Process(reading);
        }

        // Latest at 8 min: bucket 0 spans ages 0–2.5 (106, 107, 108), bucket 1 ages 2.5–7.5 (101 … 105).
        Assert.Equal(107, detector.Recent, 1e-9);
        Assert.Equal(103, detector.Mean5, 1e-9);
    }

    [Fact]
    public void Skips_error_codes_and_needs_two_buckets()
    {
        var detector = new Ar2UrgentLowSoonDetector();
        detector.Process(new GlucoseReading(Traces.Start, 39));
        detector.Process(new GlucoseReading(Traces.Start.AddMinutes(5), 80));

        Assert.True(double.IsNaN(detector.Forecast20));
    }

    [Fact]
    public void Alerts_once_when_the_forecast_first_drops_below_55_and_again_after_re_arming()
    {
        var detector = new Ar2UrgentLowSoonDetector();
        // 120 → 85 forecasts 46 at +20 (§7.4 vector); 85 → 70 still 51 (no repeat); 70 → 65 forecasts 59 (re-arms).
        double[] values = [140, 120, 85, 70, 65, 80, 110, 140, 160, 140, 120, 85];

        var alerts = Traces.AlertIndexes(detector, Traces.Every(5, values));

        Assert.Equal([2, 11], alerts);
    }

    [Fact]
    public void Gives_no_forecast_across_a_gap_longer_than_the_buckets()
    {
        var detector = new Ar2UrgentLowSoonDetector();
        detector.Process(new GlucoseReading(Traces.Start, 120));
        detector.Process(new GlucoseReading(Traces.Start.AddMinutes(25), 70));

        Assert.True(double.IsNaN(detector.Forecast20));
    }

    [Fact]
    public void Re_arms_after_a_gap_without_forecasts()
    {
        GlucoseReading[] readings =
        [
            new(Traces.Start, 140), new(Traces.Start.AddMinutes(5), 120), new(Traces.Start.AddMinutes(10), 85),
            new(Traces.Start.AddMinutes(40), 120), new(Traces.Start.AddMinutes(45), 85),
        ];

        Assert.Equal([2, 4], Traces.AlertIndexes(new Ar2UrgentLowSoonDetector(), readings));
    }
}
