using Iomt.Clinical.Falls;

namespace Iomt.Clinical.Tests.Falls;

public sealed class EqualTimeSpreaderTests
{
    [Fact]
    public void Samples_stamped_alike_are_spread_evenly_over_the_step_to_the_next_stamp()
    {
        // 50 Hz stamped in whole seconds, three seconds of it.
        var times = Spread(Enumerable.Range(0, 150).Select(i => (double)(i / 50)));

        Assert.Equal(150, times.Count);
        Assert.All(times.Select((t, i) => (t, i)), p => Assert.Equal(p.i * 0.02, p.t, 9));
    }

    [Fact]
    public void A_gap_after_a_run_keeps_the_pace_of_the_run_before()
    {
        // Two whole seconds of 50 Hz, then nothing until 10 s: the second run is not stretched over the gap.
        var times = Spread(Enumerable.Range(0, 100).Select(i => (double)(i / 50)).Append(10));

        Assert.Equal(1.98, times[99], 9);
        Assert.Equal(10, times[100]);
    }

    [Fact]
    public void A_rate_that_drops_under_the_same_clock_is_followed()
    {
        // 100 Hz for two whole seconds, then 25 Hz: the clock still steps by a second, so the step is not a gap (a review
        // found the 25 Hz part squeezed into a quarter of each second when the run's pace decided).
        var stamps = Enumerable.Range(0, 200).Select(i => (double)(i / 100)).Concat(Enumerable.Range(0, 75).Select(i => 2 + (double)(i / 25)));
        var times = Spread(stamps.Append(5));

        Assert.Equal(1.99, times[199], 9);
        Assert.Equal(2.04, times[201], 9);
        Assert.Equal(4.96, times[274], 9);
    }

    [Fact]
    public void Times_never_go_back_when_a_longer_run_follows_a_finer_clock()
    {
        // Five samples per 0.1 s, then ten stamped 0.2, then five 0.36 (a second review's repro: the ten kept the earlier
        // pace of 0.02 s and ran past 0.36).
        double[] stamps = [.. Enumerable.Repeat(0.0, 5), .. Enumerable.Repeat(0.1, 5), .. Enumerable.Repeat(0.2, 10), .. Enumerable.Repeat(0.36, 5), 0.46];
        var times = Spread(stamps);

        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second >= p.First, $"{p.First} then {p.Second}"));
        Assert.Equal(0.36, times[20], 9);
    }

    [Fact]
    public void One_stray_stamp_does_not_set_the_clocks_step()
    {
        // Whole seconds at 200 Hz, one row stamped 2.5, then whole seconds at 50 Hz: the drop is still followed.
        var stamps = Enumerable.Range(0, 400).Select(i => (double)(i / 200)).Append(2.5).Concat(Enumerable.Range(0, 150).Select(i => 3 + (double)(i / 50)));
        var times = Spread(stamps.Append(6));

        Assert.Equal(3.02, times[402], 9);
        Assert.Equal(5.98, times[550], 9);
    }

    [Fact]
    public void Samples_with_times_of_their_own_are_passed_on_unchanged()
    {
        double[] jittered = [0, 0.019, 0.041, 0.06, 0.5, 0.52];

        Assert.Equal(jittered, Spread(jittered));
    }

    [Fact]
    public void Refuses_a_sample_once_too_many_share_its_stamp()
    {
        var spreader = new EqualTimeSpreader();
        for (var i = 0; i < EqualTimeSpreader.MaxRun; i++)
        {
            Assert.True(spreader.Add(1, 0, 0, 1, (_, _, _, _) => Assert.Fail("released early")));
        }

        Assert.False(spreader.Add(1, 0, 0, 1, (_, _, _, _) => { }));
        Assert.True(spreader.Add(2, 0, 0, 1, (_, _, _, _) => { }));
    }

    private static List<double> Spread(IEnumerable<double> stamps)
    {
        var spreader = new EqualTimeSpreader();
        var times = new List<double>();
        foreach (var t in stamps)
        {
            Assert.True(spreader.Add(t, 0, 0, 1, (s, _, _, _) => times.Add(s)));
        }

        spreader.Flush((s, _, _, _) => times.Add(s));
        return times;
    }
}
