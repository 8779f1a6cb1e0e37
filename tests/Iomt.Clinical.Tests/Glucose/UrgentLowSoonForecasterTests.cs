using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

public class UrgentLowSoonForecasterTests
{
    [Fact]
    public void Fits_level_and_rate_of_change_on_a_straight_fall()
    {
        var forecaster = new UrgentLowSoonForecaster(new UrgentLowSoonOptions { CurvatureWeight = 0 });
        foreach (var reading in Traces.Line(150, -1.5, 5, 5))
        {
            forecaster.Process(reading);
        }

        Assert.Equal(120, forecaster.Level, 1e-6);
        Assert.Equal(-1.5, forecaster.Slope, 1e-9);
        Assert.Equal(120 - 7.5, forecaster.Forecast, 1e-6);
    }

    [Fact]
    public void Alerts_once_ahead_of_a_steady_fall_below_55()
    {
        // 2 mg/dL/min from 120: below 55 after 32.5 min, at the 7th reading (index 7, 35 min).
        var readings = Traces.Line(120, -2, 5, 12);

        var alerts = Traces.AlertIndexes(new UrgentLowSoonForecaster(), readings);

        // At 25 min (70) the 5-min forecast is 60, not yet below 57.5; at 30 min (60) it is 50: one alert.
        Assert.Equal([6], alerts);
    }

    [Fact]
    public void Warns_no_later_than_ar2_on_a_slow_fall()
    {
        var readings = Traces.Line(100, -1, 5, 12); // 55 reached at 45 min

        var ours = Traces.AlertIndexes(new UrgentLowSoonForecaster(), readings);
        var ar2 = Traces.AlertIndexes(new Ar2UrgentLowSoonDetector(), readings);

        Assert.NotEmpty(ours);
        Assert.True(ar2.Count == 0 || ours[0] <= ar2[0], $"ours {ours[0]}, AR2 {string.Join(",", ar2)}");
    }

    [Fact]
    public void Handles_one_minute_and_fifteen_minute_sampling()
    {
        var everyMinute = Traces.AlertIndexes(new UrgentLowSoonForecaster(), Traces.Line(120, -2, 1, 60));
        var everyFifteen = Traces.AlertIndexes(new UrgentLowSoonForecaster(), Traces.Line(150, -1, 15, 8));
        var steepEveryFifteen = Traces.AlertIndexes(new UrgentLowSoonForecaster(), Traces.Line(130, -2, 15, 4));

        Assert.Single(everyMinute);
        Assert.InRange(everyMinute[0], 25, 32); // before glucose reaches 55 at minute 32.5
        // 150, 135, … 75, 60: the same 5-minute horizon at any interval, 60 − 5 = 55 < 57.5 (at 75: 70).
        Assert.Equal([6], everyFifteen);
        // 130, 100, 70, 40: at 70 the 5-minute forecast is 60, and the next reading is already urgent low. The price of a
        // horizon that does not grow with the interval, which would raise 2–2.4 times AR2's false alerts on sparse data.
        Assert.Empty(steepEveryFifteen);
    }

    [Fact]
    public void Stays_quiet_on_a_noisy_flat_trace()
    {
        var random = new Random(7);
        var readings = Enumerable.Range(0, 2000)
            .Select(i => new GlucoseReading(Traces.Start.AddMinutes(5 * i), 100 + random.Next(-4, 5)))
            .ToArray();

        Assert.Empty(Traces.AlertIndexes(new UrgentLowSoonForecaster(), readings));
    }

    [Fact]
    public void Does_not_alert_while_already_below_55()
    {
        var readings = Traces.Every(5, 54, 52, 50, 48, 46, 44);

        Assert.Empty(Traces.AlertIndexes(new UrgentLowSoonForecaster(), readings));
    }

    [Fact]
    public void Restarts_after_a_gap_and_alerts_again_on_resume()
    {
        var before = Traces.Line(90, -2, 5, 6); // 90 … 40: alerts once
        var after = Traces.Line(90, -2, 5, 6).Select(r => r with { Time = r.Time.AddHours(2) });
        var forecaster = new UrgentLowSoonForecaster();

        var alerts = Traces.AlertIndexes(forecaster, [.. before, .. after]);

        Assert.Equal(2, alerts.Count);
        Assert.True(alerts[1] >= 6);
    }

    [Fact]
    public void Needs_a_trend_before_it_forecasts()
    {
        var forecaster = new UrgentLowSoonForecaster();

        Assert.False(forecaster.Process(new GlucoseReading(Traces.Start, 56)));
        Assert.True(double.IsNaN(forecaster.Forecast));
    }

    [Fact]
    public void Does_not_repeat_while_glucose_hovers_low()
    {
        double[] hover = [80, 70, 62, 58, 57, 58, 57, 59, 57, 58, 57, 58, 56, 58];

        Assert.Single(Traces.AlertIndexes(new UrgentLowSoonForecaster(), Traces.Every(5, hover)));
    }
}
