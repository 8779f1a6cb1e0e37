using Iomt.Clinical.Glucose;
using Iomt.Clinical.Glucose.Evaluation;

namespace Iomt.Clinical.Tests.Glucose;

public class EpisodeScoringTests
{
    [Fact]
    public void Ignores_a_single_low_reading()
    {
        Assert.Empty(HypoglycaemiaEpisodeFinder.Find(Traces.Every(5, 70, 54, 70, 80)));
    }

    [Fact]
    public void Counts_two_consecutive_low_readings_as_one_episode()
    {
        var episode = Assert.Single(HypoglycaemiaEpisodeFinder.Find(Traces.Every(5, 70, 54, 53, 60, 62, 64, 66, 70)));

        Assert.Equal(Traces.Start.AddMinutes(5), episode.Start);
        Assert.Equal(Traces.Start.AddMinutes(15), episode.End);
    }

    [Fact]
    public void Continues_an_episode_through_a_short_recovery()
    {
        // 56 and 58 last 5 minutes, less than 15: the dip to 52 belongs to the same episode.
        var episodes = HypoglycaemiaEpisodeFinder.Find(Traces.Every(5, 70, 54, 56, 58, 52, 60, 61, 62, 63, 64));

        var episode = Assert.Single(episodes);
        Assert.Equal(Traces.Start.AddMinutes(25), episode.End);
    }

    [Fact]
    public void Counts_isolated_low_readings_spanning_fifteen_minutes()
    {
        Assert.Single(HypoglycaemiaEpisodeFinder.Find(Traces.Every(5, 54, 56, 57, 54, 70, 70, 70, 70)));
    }

    [Fact]
    public void Ends_an_episode_at_a_gap()
    {
        var readings = new[]
        {
            new GlucoseReading(Traces.Start, 54),
            new GlucoseReading(Traces.Start.AddMinutes(5), 53),
            new GlucoseReading(Traces.Start.AddMinutes(60), 50),
            new GlucoseReading(Traces.Start.AddMinutes(65), 50),
        };

        Assert.Equal(2, HypoglycaemiaEpisodeFinder.Find(readings).Count);
    }

    [Fact]
    public void Scores_early_late_and_false_alerts()
    {
        var episodes = new[] { new HypoglycaemiaEpisode(Traces.Start.AddHours(2), Traces.Start.AddHours(3)) };
        DateTimeOffset[] alerts =
        [
            Traces.Start, // 120 min before: false
            Traces.Start.AddMinutes(75), // 45 min before: caught early, lead 45
            Traces.Start.AddMinutes(115), // 5 min before: not early, not false
            Traces.Start.AddMinutes(150), // during: not false
            Traces.Start.AddMinutes(200), // after: false
        ];

        var score = UrgentLowSoonScorer.Score(alerts, episodes, days: 2);

        Assert.Equal((1, 1, 5, 2), (score.Episodes, score.CaughtEarly, score.Alerts, score.FalseAlerts));
        Assert.Equal(45, score.MedianLeadMinutes);
        Assert.Equal(1.0, score.FalsePerDay);
    }

    [Fact]
    public void Counts_days_with_data_without_long_gaps()
    {
        var readings = new[]
        {
            new GlucoseReading(Traces.Start, 100),
            new GlucoseReading(Traces.Start.AddMinutes(30), 100),
            new GlucoseReading(Traces.Start.AddMinutes(61), 100),
        };

        Assert.Equal(30.0 / 1440, UrgentLowSoonScorer.DaysWithData(readings), 1e-12);
    }

    [Fact]
    public void A_sparser_trace_keeps_every_third_reading_of_a_jittery_five_minute_sensor_and_finds_its_episodes_again()
    {
        // Every 4 min 59 s, as Dexcom's clock often runs: 15 min later is the third reading after, at 14:57.
        var values = new double[] { 120, 100, 80, 60, 54, 50, 52, 56, 70, 90, 110, 120 };
        var readings = values.Select((v, i) => new GlucoseReading(Traces.Start + (i * new TimeSpan(0, 4, 59)), v)).ToArray();
        var trace = PatientTrace.From("p", readings);

        var sparse = trace.Sparser(TimeSpan.FromMinutes(15));

        Assert.Equal([120d, 60, 52, 90], sparse.Readings.Select(r => r.MgDl));
        Assert.Single(trace.Episodes); // 54, 50, 52: three lows in a row
        Assert.Empty(sparse.Episodes); // one low reading left, 52, spans less than 15 min
    }

    [Fact]
    public void A_noisier_trace_adds_the_noise_asked_for_within_what_a_cgm_reports_and_keeps_the_episodes()
    {
        var values = Enumerable.Range(0, 4000).Select(i => i % 400 < 20 ? 50.0 : 150.0).ToArray();
        var readings = values.Select((v, i) => new GlucoseReading(Traces.Start + TimeSpan.FromMinutes(5 * i), v)).ToArray();
        var trace = PatientTrace.From("p", readings);

        var noisy = trace.WithNoise(10, seed: 3);

        var differences = noisy.Readings.Zip(trace.Readings, (n, r) => n.MgDl - r.MgDl).ToArray();
        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Select(d => (d - mean) * (d - mean)).Average());
        Assert.InRange(mean, -0.5, 0.5);
        Assert.InRange(sd, 9.5, 10.5);
        Assert.Equal(trace.Readings.Select(r => r.Time), noisy.Readings.Select(r => r.Time));
        Assert.Equal(trace.Episodes, noisy.Episodes);
        Assert.Equal(10, trace.Episodes.Count);
        Assert.All(trace.WithNoise(200, seed: 3).Readings, r => Assert.InRange(r.MgDl, 39, 401));
        Assert.Equal(noisy.Readings, trace.WithNoise(10, seed: 3).Readings); // repeatable
    }
}
