using System.Globalization;
using System.Text;
using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests.Falls;

/// <summary>Runs the real <c>iomt analyze motion</c> process on good and bad CSV files.</summary>
public sealed class MotionAnalyzeCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_12_hz_file_stamped_to_the_millisecond_is_analysed()
    {
        // 1/12 s rounded to the millisecond: the rate measured from the stamps is 11.999 Hz, which was refused.
        var rows = FallCsv(12).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var stamped = rows.Skip(1).Select(r => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(double.Parse(r[..r.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture), 3):0.000}{r[r.IndexOf(',', StringComparison.Ordinal)..]}"));
        var input = Write("twelve.csv", rows[0] + "\n" + string.Join('\n', stamped) + "\n");

        Assert.InRange(await SingleFallTimeAsync(input), 9.9, 10.6);
    }

    [Theory]
    [InlineData(12.5)]
    [InlineData(50)]
    [InlineData(400)]
    [InlineData(1000)]
    public async Task Writes_one_fall_for_a_fall_recording(double rate)
    {
        var input = Write("fall.csv", FallCsv(rate));

        Assert.InRange(await SingleFallTimeAsync(input), 9.9, 10.6);
    }

    [Fact]
    public async Task Finds_the_same_fall_when_timestamps_are_rounded_coarser_than_the_sampling_period()
    {
        // 200 Hz with times in whole hundredths: every other interval is 0, the median interval says 100 Hz or nothing.
        // The samples sharing a time are spread over the hundredth (EqualTimeSpreader); where the rounding of binary
        // fractions puts three in one hundredth and one in the next, they land up to 5 ms off, and the fall is reported
        // on the detector's 50-Hz grid within one step of the exact file's.
        var exact = FallCsv(200);
        var rounded = string.Join('\n', exact.Split('\n').Select((line, i) =>
            i == 0 || line.Length == 0 ? line : RoundTime(line)));
        var outputs = new List<string[]>();
        foreach (var (name, content) in new[] { ("exact.csv", exact), ("rounded.csv", rounded) })
        {
            var output = Path.Combine(_temp.Path, "events-" + name);
            var (code, _, stderr) = await RunAsync("analyze", "motion", Write(name, content), "--out", output);
            Assert.True(code == 0, stderr);
            outputs.Add(await File.ReadAllLinesAsync(output));
        }

        Assert.Contains("\n0.0050,", exact, StringComparison.Ordinal);
        Assert.Contains("\n0.01,0.000,-1.000,0.000\n0.01,", rounded, StringComparison.Ordinal);
        Assert.Equal(2, outputs[0].Length);
        Assert.Equal(2, outputs[1].Length);
        static double Time(string line) => double.Parse(line.Split(',')[0], CultureInfo.InvariantCulture);
        Assert.InRange(Time(outputs[1][1]), Time(outputs[0][1]) - 0.021, Time(outputs[0][1]) + 0.021);
        Assert.EndsWith(",fall", outputs[1][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_the_falls_when_a_coarse_clock_stamps_many_samples_alike()
    {
        // SA01's 15 fall trials (SisFall, R01) at 50 Hz, written once with exact times and once with times rounded down
        // to whole seconds: 50 rows share each time. Collapsed onto one point per second, 10 of 30 such files kept their
        // fall (a review's count over R01 and R02); spread over the second, each file's fall is found within a second of
        // the exact file's.
        var cache = Path.Combine(RepoPaths.Root, ".cache", "sisfall");
        Directory.CreateDirectory(cache);
        var trials = Iomt.Clinical.Falls.SisFall.SisFallDataSet.Locate(SharedData.PathOf("sisfall"), cache, ["SA01"]).Where(r => r.Name.StartsWith('F') && r.Name.EndsWith("_R01", StringComparison.Ordinal)).ToList();
        Assert.Equal(15, trials.Count);
        foreach (var trial in trials)
        {
            var rows = File.ReadAllLines(trial.Path);
            var exact = string.Join('\n', rows.Take(1).Concat(rows.Skip(1).Where((_, i) => i % 4 == 0))) + "\n";
            var coarse = string.Join('\n', exact.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : FloorTime(line, 1)));

            var exactTime = await SingleFallTimeAsync(Write(trial.Name + ".csv", exact));
            var coarseTime = await SingleFallTimeAsync(Write(trial.Name + "-coarse.csv", coarse));

            Assert.InRange(coarseTime, exactTime - 1, exactTime + 1);
        }
    }

    [Fact]
    public async Task Samples_long_after_a_fall_do_not_change_it()
    {
        // SA01's F01 trial at 12.5 Hz for 15 s, then its R02 at 200 Hz. The rate was estimated from the first 200 samples
        // before any was analysed: samples 6 s after the fall (the 200 Hz ones) moved it by 20 ms (a review's repro: cut
        // 30 ms after the switch, the file gave 9.2 s, whole 9.28 s). Now from the first second: the same either way.
        var cache = Path.Combine(RepoPaths.Root, ".cache", "sisfall");
        Directory.CreateDirectory(cache);
        var trials = Iomt.Clinical.Falls.SisFall.SisFallDataSet.Locate(SharedData.PathOf("sisfall"), cache, ["SA01"]);
        string[] Rows(string name) => File.ReadAllLines(trials.First(r => r.Name == name).Path)[1..];
        var slow = Rows("F01_SA01_R01").Where((_, i) => i % 16 == 0);
        var fast = Rows("F01_SA01_R02").Select(r => string.Create(CultureInfo.InvariantCulture, $"{15 + double.Parse(r.Split(',')[0], CultureInfo.InvariantCulture):0.000}{r[r.IndexOf(',', StringComparison.Ordinal)..]}"));
        var rows = slow.Concat(fast).ToList();
        string Content(int count) => "time_s,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n" + string.Join('\n', rows.Take(count)) + "\n";

        var whole = await EventsAsync(Write("whole.csv", Content(rows.Count)));
        var cut = await EventsAsync(Write("cut.csv", Content(rows.FindIndex(r => r.StartsWith("15.035,", StringComparison.Ordinal)))));

        Assert.Equal(cut[1], whole[1]);
        Assert.EndsWith(",fall", cut[1], StringComparison.Ordinal);
    }

    private static async Task<string[]> EventsAsync(string input)
    {
        var output = input + ".events";
        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", output);
        Assert.True(code == 0, stderr);
        return await File.ReadAllLinesAsync(output);
    }

    private static string FloorTime(string line, double step)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        var t = double.Parse(line[..comma], CultureInfo.InvariantCulture);
        return (Math.Floor((t / step) + 1e-9) * step).ToString("0.000", CultureInfo.InvariantCulture) + line[comma..];
    }

    private static string RoundTime(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        var t = double.Parse(line[..comma], CultureInfo.InvariantCulture);
        return Math.Round(t, 2, MidpointRounding.ToZero).ToString("0.##", CultureInfo.InvariantCulture) + line[comma..];
    }

    [Fact]
    public async Task A_file_that_ends_1_2_s_after_the_impact_still_reports_the_fall_at_its_last_sample()
    {
        // Data sets cut around the event (a fall clip) can stop before the detector's 2-s post-impact window ends.
        var rows = FallCsv(50).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var clip = rows.Take(1).Concat(rows.Skip(1).Where(r => double.Parse(r.Split(',')[0], CultureInfo.InvariantCulture) <= 9.28));
        var input = Write("clip.csv", string.Join('\n', clip) + "\n");
        var output = Path.Combine(_temp.Path, "clip-events.csv");

        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", output);

        Assert.True(code == 0, stderr);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(["time_s,event", "9.28,fall"], lines);
    }

    [Fact]
    public async Task Accepts_the_optional_gyroscope_columns()
    {
        var input = Write("gyro.csv", FallCsv(50, gyro: true));

        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", Path.Combine(_temp.Path, "e.csv"));

        Assert.True(code == 0, stderr);
    }

    [Fact]
    public async Task A_gyroscope_reading_may_be_absent_but_not_malformed()
    {
        // Rows whose gyroscope did not report: blank fields, NaN, or the row stopping after the acceleration.
        var rows = FallCsv(50, gyro: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] absent = [",,,", ",NaN,NaN,NaN", ""];
        var patched = rows.Select((row, i) => i > 0 && i % 7 == 0 ? row[..row.IndexOf(",1.5", StringComparison.Ordinal)] + absent[i % 3] : row);
        var input = Write("gaps.csv", string.Join('\n', patched) + "\n");
        var output = Path.Combine(_temp.Path, "e.csv");
        var (code, _, stderr) = await RunAsync("analyze", "motion", Write("full.csv", FallCsv(50, gyro: true)), "--out", output);
        Assert.True(code == 0, stderr);
        var withEveryReading = await File.ReadAllLinesAsync(output);

        (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Equal(withEveryReading, await File.ReadAllLinesAsync(output));
        Assert.EndsWith(",fall", Assert.Single(withEveryReading.Skip(1)), StringComparison.Ordinal);
        var broken = Write("broken.csv", string.Join('\n', rows.Select((row, i) => i == 30 ? row.Replace(",-2.0,", ",x,", StringComparison.Ordinal) : row)) + "\n");
        (code, _, stderr) = await RunAsync("analyze", "motion", broken, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(":31: column 'gy_dps': 'x' is not a number", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_sampling_rate_changes_still_has_its_fall_found()
    {
        // 200 Hz for the first 5 s (the rate is estimated from the first samples), then 25 Hz through the fall at 8 s.
        var rows = FallCsv(200).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kept = rows.Where((row, i) => i == 0 || i <= 1000 || (i - 1) % 8 == 0);
        var input = Write("ratechange.csv", string.Join('\n', kept) + "\n");

        Assert.InRange(await SingleFallTimeAsync(input), 9.9, 11);
    }

    [Fact]
    public async Task A_stretch_sampled_below_the_supported_rate_is_reported_with_its_lines()
    {
        // 50 Hz for 5 s (lines 2-251), then 30 s at 5 Hz (an accelerometer slowed with the screen off: lines 252-401),
        // then 50 Hz again. The stretch is analysed with the 50 Hz filters, so a missing fall there means little.
        var rows = new List<string> { "time_s,ax_g,ay_g,az_g" };
        for (var i = 0; i < 250; i++)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{i * 0.02:0.00},0,-1,0"));
        }

        var slow = rows.Count;
        for (var i = 0; i < 150; i++)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{5 + (i * 0.2):0.00},0,-1,0"));
        }

        for (var i = 0; i < 500; i++)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{35 + (i * 0.02):0.00},0,-1,0"));
        }

        var (code, _, stderr) = await RunAsync("analyze", "motion", Write("slow.csv", string.Join('\n', rows) + "\n"), "--out", Path.Combine(_temp.Path, "e.csv"));

        Assert.True(code == 0, stderr);
        var match = System.Text.RegularExpressions.Regex.Match(stderr, @"slow\.csv: lines (\d+)–(\d+): ([\d.]+) s of samples came as slowly as 5 Hz, outside the 12–1000 Hz the fall detector supports");
        Assert.True(match.Success, stderr);
        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(first, slow + 1 - 51, slow + 1);
        Assert.InRange(last, slow + 150 - 1, slow + 150 + 51);
        Assert.InRange(double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), 28, 32);

        // The same file all at 50 Hz, and the one whose rate changes within the supported range: no note.
        foreach (var content in new[] { FallCsv(50), string.Join('\n', FallCsv(200).Split('\n').Where((row, i) => i <= 1000 || (i - 1) % 8 == 0)) })
        {
            var (fine, _, quiet) = await RunAsync("analyze", "motion", Write("fine.csv", content), "--out", Path.Combine(_temp.Path, "e.csv"));
            Assert.Equal(0, fine);
            Assert.Equal(string.Empty, quiet);
        }
    }

    [Theory]
    [InlineData("time_s,ax_g,ay_g\n0,0,1\n", ":1: missing column 'az_g'")]
    [InlineData("time_s,ax_g,ay_g,az_g\n0,0,-1,0\n0.02,0,-1,0\n0.01,0,-1,0\n", ":4: column 'time_s': time 0.01 goes back in time (previous line has 0.02)")]
    [InlineData("time_s,ax_g,ay_g,az_g\n0,0,-1,0\n0.02,NaN,-1,0\n", ":3: column 'ax_g': 'NaN' is not a finite number")]
    [InlineData("time_s,ax_g,ay_g,az_g\n0,0,-1,0\n0.02,,-1,0\n", ":3: column 'ax_g': '' is not a number")]
    [InlineData("time_s,ax_g,ay_g,az_g\n0,0,-1,0\n0.02,0,9999,0\n", ":3: column 'ay_g': 9999 g is beyond any accelerometer's range (±400 g)")]
    [InlineData("time_s,ax_g,ay_g,az_g\n0,0,-1,0\n0.02,0,-1,0\n", "too short: 2 sample(s), need at least 50")]
    [InlineData("time_s,ax_g,ay_g,az_g,gx_dps\n0,0,-1,0,0\n", ":1: missing column 'gy_dps'")]
    [InlineData("", ":1: empty file")]
    [InlineData("\ntime_s,ax_g,ay_g,az_g\n0,0,-1,0\n", ":1: blank line, expected a header")]
    public async Task Bad_input_is_one_line_naming_file_line_and_column_with_exit_code_2(string content, string expected)
    {
        var input = Write("bad.csv", content);

        var (code, stdout, stderr) = await RunAsync("analyze", "motion", input, "--out", Path.Combine(_temp.Path, "e.csv"));

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(input, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "sampling rate 10 Hz is outside the supported 12–1000 Hz")]
    [InlineData(2000, "sampling rate 2000 Hz is outside the supported 12–1000 Hz")]
    public async Task A_sampling_rate_outside_the_supported_range_is_refused(double rate, string expected)
    {
        var input = Write("rate.csv", FallCsv(rate));

        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", Path.Combine(_temp.Path, "events.csv"));

        Assert.Equal(2, code);
        Assert.Contains("column 'time_s': " + expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_in_milliseconds_are_refused_with_a_hint()
    {
        var rows = FallCsv(50).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var input = Write("ms.csv", string.Join('\n', rows.Take(1).Concat(rows.Skip(1).Select(line =>
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            return string.Create(CultureInfo.InvariantCulture, $"{double.Parse(line[..comma], CultureInfo.InvariantCulture) * 1000:0.###}{line[comma..]}");
        }))) + "\n");

        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", Path.Combine(_temp.Path, "events.csv"));

        Assert.Equal(2, code);
        Assert.Contains("column 'time_s': sampling rate 0.05 Hz is outside the supported 12–1000 Hz (is the column in milliseconds? it must be in seconds)", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9.80665, "median magnitude 9.807 g over the first 51 samples, expected about 1 g (is the file in m/s²")]
    [InlineData(0, "median magnitude 0 g over the first 51 samples, expected about 1 g (was gravity filtered out?")]
    public async Task Acceleration_not_in_g_is_refused_instead_of_silently_analysed(double gravityScale, string expected)
    {
        // The fall recording in m/s², and with the standing gravity vector (0, −1, 0) g subtracted (a linear-acceleration API).
        var rows = FallCsv(50).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line =>
        {
            var v = line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var (x, y, z) = gravityScale > 0 ? (v[1] * gravityScale, v[2] * gravityScale, v[3] * gravityScale) : (v[1], v[2] + 1, v[3]);
            return string.Create(CultureInfo.InvariantCulture, $"{v[0]:0.000},{x:0.000},{y:0.000},{z:0.000}");
        });
        var input = Write("units.csv", "time_s,ax_g,ay_g,az_g\n" + string.Join('\n', rows) + "\n");

        var (code, stdout, stderr) = await RunAsync("analyze", "motion", input, "--out", Path.Combine(_temp.Path, "e.csv"));

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(input + ": columns 'ax_g','ay_g','az_g': " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_user_error()
    {
        var (code, _, stderr) = await RunAsync("analyze", "motion", Path.Combine(_temp.Path, "nope.csv"), "--out", Path.Combine(_temp.Path, "e.csv"));

        Assert.Equal(2, code);
        Assert.Contains("nope.csv", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_falls_on_a_missing_folder_is_a_user_error()
    {
        var (code, _, stderr) = await RunAsync("eval", "falls", "--data", Path.Combine(_temp.Path, "none"), "--cache", _temp.Path);

        Assert.Equal(2, code);
        Assert.Contains("SisFall data folder not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_falls_with_a_sensor_range_below_1_5_g_is_a_user_error()
    {
        var (code, _, stderr) = await RunAsync("eval", "falls", "--data", Path.Combine(_temp.Path, "none"), "--cache", _temp.Path, "--range", "1");

        Assert.Equal(2, code);
        Assert.Contains("--range 1: must be at least 1.5 g", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    public async Task Eval_falls_with_a_jitter_outside_0_to_1_is_a_user_error(string jitter)
    {
        var (code, _, stderr) = await RunAsync("eval", "falls", "--data", Path.Combine(_temp.Path, "none"), "--cache", _temp.Path, "--jitter", jitter);

        Assert.Equal(2, code);
        Assert.Contains($"--jitter {jitter}: must be at least 0 and below 1", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Standing 5 s, walking, a 0.4 s free fall and a 4 g impact at 8 s, lying still until 20 s.</summary>
    private static string FallCsv(double rate, bool gyro = false)
    {
        var text = new StringBuilder(gyro ? "time_s,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n" : "time_s,ax_g,ay_g,az_g\n");
        for (var i = 0; i < 20 * rate; i++)
        {
            var t = i / rate;
            var (x, y, z) = t switch
            {
                < 5 => (0.0, -1.0, 0.0),
                < 7.6 => (0.15 * Math.Sin(4 * Math.PI * t), -1 - (0.35 * Math.Sin(4 * Math.PI * t)), 0.0),
                < 8 => (0.05, -0.1, 0.05),
                < 8.08 => (1.5, 3.0, 2.0),
                _ => (0.0, 0.0, 1.0),
            };
            text.Append(CultureInfo.InvariantCulture, $"{t:0.0000},{x:0.000},{y:0.000},{z:0.000}");
            text.Append(gyro ? ",1.5,-2.0,0.3\n" : "\n");
        }

        return text.ToString();
    }

    // Runs `analyze motion` on `input`; the time of the one event it must write, a fall.
    private async Task<double> SingleFallTimeAsync(string input)
    {
        var output = Path.Combine(_temp.Path, "events.csv");
        var (code, _, stderr) = await RunAsync("analyze", "motion", input, "--out", output);

        Assert.True(code == 0, stderr);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("time_s,event", lines[0]);
        var fall = Assert.Single(lines.Skip(1));
        Assert.EndsWith(",fall", fall, StringComparison.Ordinal);
        return double.Parse(fall.Split(',')[0], CultureInfo.InvariantCulture);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
