using Iomt.Clinical.Falls.SisFall;

namespace Iomt.Clinical.Tests.Falls;

public class SisFallFileReaderTests
{
    [Fact]
    public void Converts_raw_adxl345_counts_to_g_at_200_hz()
    {
        // Original SisFall line: nine integer columns, the first three the ADXL345 (±16 g, 13 bit).
        var result = SisFallFileReader.ParseRaw("D01_SA01_R01.txt", "  17,-256,-99,-18,-504,-352,76,-697,-279;\n  0,256,8,1,2,3,4,5,6;\n");

        var recording = Assert.IsType<MotionRecording>(result.Recording);
        Assert.Equal(2, recording.Length);
        Assert.Equal(17 / 256.0, recording.Ax[0], 12);
        Assert.Equal(-1.0, recording.Ay[0], 12);
        Assert.Equal(1.0, recording.Ay[1], 12);
        Assert.Equal(0.005, recording.TimeS[1], 12);
    }

    [Fact]
    public void Reads_the_converted_csv()
    {
        var result = SisFallFileReader.ParseCsv("x.csv", "time_s,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n0.000,0.039,-0.910,-0.328,3.7,-2.9,-1.0\n0.005,0.040,-0.911,-0.327,3.6,-2.9,-1.0\n");

        var recording = Assert.IsType<MotionRecording>(result.Recording);
        Assert.Equal(2, recording.Length);
        Assert.Equal(-0.911, recording.Ay[1], 12);
        Assert.Equal(200, recording.SampleRateHz, 6);
    }

    [Fact]
    public void Names_the_line_and_field_of_a_bad_number()
    {
        var result = SisFallFileReader.ParseCsv("x.csv", "time_s,ax_g,ay_g,az_g\n0.000,0.1,0.2,0.3\n0.005,0.1,NaN,0.3\n");

        Assert.Null(result.Recording);
        Assert.Equal("x.csv:3: field 3 is not a finite number", result.Error);
    }

    [Fact]
    public void Rejects_a_csv_without_the_expected_header()
    {
        var result = SisFallFileReader.ParseCsv("x.csv", "t,ax,ay,az\n0,0,0,1\n");

        Assert.StartsWith("x.csv:1: expected header", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resampling_down_keeps_the_span_at_the_new_rate_and_averages_over_one_output_period()
    {
        var recording = SyntheticMotion.Walking(200, 10).Resample(25);

        Assert.Equal(250, recording.Length);
        Assert.Equal(25, recording.SampleRateHz, 6);

        // A 100 Hz vibration (two samples per cycle at 200 Hz) would alias at 25 Hz; the mean over one output period
        // (9 samples) leaves a ninth of it.
        var n = 2000;
        var t = Enumerable.Range(0, n).Select(i => i / 200.0).ToArray();
        var buzz = t.Select((_, i) => i % 2 == 0 ? 0.5 : -0.5).ToArray();
        var down = new MotionRecording(t, buzz, new double[n], Enumerable.Repeat(1.0, n).ToArray()).Resample(25);
        Assert.All(down.Ax.Skip(1).SkipLast(1), x => Assert.InRange(x, -0.07, 0.07));
    }

    [Fact]
    public void Clipping_to_a_sensor_range_bounds_every_axis_and_keeps_the_rest()
    {
        var fall = SyntheticMotion.FallThenLyingStill(100);
        var clipped = fall.Clip(2);

        Assert.Equal(fall.TimeS, clipped.TimeS);
        Assert.Equal(3.0, fall.Ay.Max()); // the 4 g impact: 1.5, 3.0, 2.0 g
        Assert.Equal(2.0, clipped.Ay.Max());
        Assert.Equal(1.5, clipped.Ax.Max());
        Assert.Equal(fall.Az.Select(v => Math.Min(v, 2)), clipped.Az);
        Assert.All(new[] { clipped.Ax, clipped.Ay, clipped.Az }.SelectMany(a => a), v => Assert.InRange(v, -2, 2));
    }

    [Fact]
    public void Resampling_up_interpolates_linearly_between_the_samples()
    {
        var t = Enumerable.Range(0, 50).Select(i => i / 50.0).ToArray();
        var ramp = t.Select(x => 2 * x).ToArray();
        var up = new MotionRecording(t, ramp, ramp, ramp).Resample(400);

        Assert.Equal((49 * 8) + 1, up.Length);
        Assert.Equal(400, up.SampleRateHz, 6);
        for (var i = 0; i < up.Length; i++)
        {
            Assert.Equal(2 * up.TimeS[i], up.Ax[i], 9);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Resampling_with_jitter_samples_at_uneven_times_and_stamps_them(double jitter)
    {
        var t = Enumerable.Range(0, 2001).Select(i => i / 200.0).ToArray();
        var ramp = t.Select(x => 3 * x).ToArray();
        var recording = new MotionRecording(t, ramp, ramp, ramp);

        var jittered = recording.Resample(50, jitter, seed: 7);

        Assert.Equal(501, jittered.Length);
        var offsets = jittered.TimeS.Select((time, i) => (time - (i / 50.0)) * 50).ToArray();
        Assert.All(offsets, o => Assert.InRange(o, -jitter / 2, jitter / 2));
        Assert.True(offsets.Max() - offsets.Min() > 0.8 * jitter, "the times spread over most of the allowed band");
        Assert.All(jittered.TimeS.Zip(jittered.TimeS.Skip(1)), p => Assert.True(p.Second > p.First));
        for (var i = 1; i < jittered.Length - 1; i++)
        {
            // Averaged over one output period (±2 input samples of a ramp: unchanged), then read at the jittered time.
            Assert.Equal(3 * jittered.TimeS[i], jittered.Ax[i], 6);
        }

        Assert.Equal(jittered.TimeS, recording.Resample(50, jitter, seed: 7).TimeS);
        Assert.NotEqual(jittered.TimeS, recording.Resample(50, jitter, seed: 8).TimeS);
        Assert.Equal(recording.Resample(50).TimeS, recording.Resample(50, 0, seed: 7).TimeS);
    }
}
