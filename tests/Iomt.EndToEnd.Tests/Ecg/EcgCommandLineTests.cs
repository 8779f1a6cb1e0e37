using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests.Ecg;

/// <summary>Runs the built <c>iomt</c> for the ECG commands: outputs on real data and one-line errors on bad input.</summary>
public sealed class EcgCommandLineTests
{
    [Fact]
    public async Task Analyze_rr_writes_one_label_per_input_line()
    {
        using var dir = new TempDirectory();
        var input = Path.Combine(dir.Path, "rr.csv");
        var lines = RrLines(300, 3);
        await File.WriteAllLinesAsync(input, lines);
        var output = Path.Combine(dir.Path, "out.csv");

        var (code, _, error) = await RunAsync("analyze", "rr", input, "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var written = await File.ReadAllLinesAsync(output);
        Assert.Equal("time_s,af", written[0]);
        Assert.Equal(lines.Count, written.Length);
        Assert.Equal(lines[1].Split(',')[0], written[1].Split(',')[0]);
        Assert.Equal("0", written[50].Split(',')[1]);
        Assert.Equal("1", written[250].Split(',')[1]);
    }

    [Theory]
    [InlineData(1000, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(1, 20, false)]
    public async Task Analyze_rr_warns_when_time_s_looks_like_milliseconds_but_not_for_batched_notifications(double timeScale, int batch, bool warned)
    {
        // 300 intervals; times scaled (1000: milliseconds) and, for `batch` > 1, every value of a batch stamped with the
        // batch's last beat, as a gateway that forwards notifications every 15 s or so writes them.
        using var dir = new TempDirectory();
        var input = Path.Combine(dir.Path, "rr.csv");
        var rows = RrLines(300, 7).Skip(1).Select(l => l.Split(',')).Select(f => (T: double.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), Rr: f[1])).ToList();
        var lines = rows.Select((r, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rows[Math.Min(rows.Count - 1, ((i / batch) * batch) + batch - 1)].T * timeScale:0.###},{r.Rr}"));
        await File.WriteAllLinesAsync(input, ["time_s,rr_s", .. lines]);

        var (code, _, error) = await RunAsync("analyze", "rr", input, "--out", Path.Combine(dir.Path, "out.csv"));

        Assert.Equal(0, code);
        Assert.Equal(warned, error.Contains("column 'time_s': the times span 1000 times the intervals they hold; both must be in seconds (milliseconds? divide by 1000)", StringComparison.Ordinal));
        Assert.Equal(warned, error.Length > 0);
    }

    [Fact]
    public async Task Analyze_rr_reads_quoted_fields_crlf_and_a_byte_order_mark_like_a_plain_file()
    {
        using var dir = new TempDirectory();
        var plain = Path.Combine(dir.Path, "plain.csv");
        var quoted = Path.Combine(dir.Path, "quoted.csv");
        var lines = RrLines(200, 5);
        await File.WriteAllLinesAsync(plain, lines);
        // As R's write.csv and spreadsheets write it: quoted header (and here a quoted value), CRLF, UTF-8 with a BOM.
        var rStyle = lines.Select((l, i) => i == 0 ? "\"time_s\",\"rr_s\"" : i == 1 ? $"\"{l.Split(',')[0]}\",{l.Split(',')[1]}" : l);
        await File.WriteAllTextAsync(quoted, string.Join("\r\n", rStyle) + "\r\n", new System.Text.UTF8Encoding(true));

        var (plainCode, _, _) = await RunAsync("analyze", "rr", plain, "--out", plain + ".out");
        var (code, _, error) = await RunAsync("analyze", "rr", quoted, "--out", quoted + ".out");

        Assert.Equal(0, plainCode);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var expected = await File.ReadAllLinesAsync(plain + ".out");
        Assert.Contains(expected, l => l.EndsWith(",1", StringComparison.Ordinal));
        Assert.Equal(expected, await File.ReadAllLinesAsync(quoted + ".out"));
    }

    [Fact]
    public async Task Analyze_ecg_writes_beats_and_rhythm_covering_the_record()
    {
        using var dir = new TempDirectory();
        var beats = Path.Combine(dir.Path, "beats.csv");
        var rhythm = Path.Combine(dir.Path, "rhythm.csv");

        var (code, _, error) = await RunAsync("analyze", "ecg", SharedData.PathOf("mitdb", "100.hea")[..^4], "--beats", beats, "--rhythm", rhythm);

        Assert.True(code == 0, error);
        var beatLines = await File.ReadAllLinesAsync(beats);
        Assert.Equal("sample,time_s", beatLines[0]);
        Assert.InRange(beatLines.Length - 1, 2260, 2285);
        var rhythmLines = await File.ReadAllLinesAsync(rhythm);
        Assert.Equal("start_s,end_s,rhythm", rhythmLines[0]);
        Assert.StartsWith("0.0000,", rhythmLines[1], StringComparison.Ordinal);
        Assert.Contains(",1805.5556,", rhythmLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ecg_takes_a_record_named_by_its_header_file()
    {
        // `100.hea` for the record `100`: the WFDB tools want the name without extension, people often give the file.
        using var dir = new TempDirectory();
        var beats = new[] { "plain", "named" }.Select(n => Path.Combine(dir.Path, n + "-beats.csv")).ToArray();
        var rhythm = Path.Combine(dir.Path, "rhythm.csv");

        var plain = await RunAsync("analyze", "ecg", SharedData.PathOf("mitdb", "100.hea")[..^4], "--beats", beats[0], "--rhythm", rhythm);
        var named = await RunAsync("analyze", "ecg", SharedData.PathOf("mitdb", "100.hea"), "--beats", beats[1], "--rhythm", rhythm);

        Assert.True(plain.Code == 0 && named.Code == 0, named.Error);
        Assert.Equal(await File.ReadAllLinesAsync(beats[0]), await File.ReadAllLinesAsync(beats[1]));
    }

    [Theory]
    [InlineData("time_s,rate\n1,0.8\n", "missing column 'rr_s'")]
    [InlineData("time_s,rr_s\n1,0.8\n0.5,0.8\n", ":3: column 'time_s': time 0.5 goes back in time")]
    [InlineData("time_s,rr_s\n1,0.8\n2,NaN\n", ":3: column 'rr_s': 'NaN' is not a finite number")]
    [InlineData("time_s,rr_s\n1,abc\n", ":2: column 'rr_s': 'abc' is not a number")]
    [InlineData("time_s,rr_s\n0.8,800\n1.6,810\n2.4,790\n", ": column 'rr_s': median interval 800 s is no heart rhythm; the column must be in seconds (milliseconds? divide by 1000)")]
    public async Task Analyze_rr_reports_bad_input_in_one_line_with_exit_code_2(string content, string expected)
    {
        using var dir = new TempDirectory();
        var input = Path.Combine(dir.Path, "in.csv");
        await File.WriteAllTextAsync(input, content);

        var (code, _, error) = await RunAsync("analyze", "rr", input, "--out", Path.Combine(dir.Path, "out.csv"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("in.csv", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Analyze_ecg_warns_about_a_wrong_header_checksum_and_still_analyses_the_record()
    {
        // Record 100 with its signal file linked in place and a header whose first checksum was edited.
        using var dir = new TempDirectory();
        await LinkRecord100WithHeaderEditAsync(dir.Path, " -22131 ", " 0 ");
        var beats = Path.Combine(dir.Path, "beats.csv");

        var (code, _, error) = await RunAsync("analyze", "ecg", Path.Combine(dir.Path, "100"), "--beats", beats, "--rhythm", Path.Combine(dir.Path, "r.csv"));

        Assert.True(code == 0, error);
        var warning = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("iomt: warning: ", warning, StringComparison.Ordinal);
        Assert.Contains("100.dat: signal 0 checksum: samples sum to -22131 but the header says 0", warning, StringComparison.Ordinal);
        Assert.InRange((await File.ReadAllLinesAsync(beats)).Length - 1, 2260, 2285);
    }

    [Fact]
    public async Task Analyze_ecg_holds_invalid_samples_says_how_many_and_finds_the_beats_after_them()
    {
        // Record 100 whose first second (360 frames of both signals) carries format 212's invalid value −2048, as a
        // recorder writes it while a lead is off. Read as a value it would be a −15 mV step; held, it is a flat line.
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "100.hea"), await File.ReadAllTextAsync(SharedData.PathOf("mitdb", "100.hea")));
        var signal = await File.ReadAllBytesAsync(SharedData.PathOf("mitdb", "100.dat"));
        for (var pair = 0; pair < 360; pair++)
        {
            signal[3 * pair] = 0x00;
            signal[(3 * pair) + 1] = 0x88;
            signal[(3 * pair) + 2] = 0x00;
        }

        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "100.dat"), signal);
        var beats = Path.Combine(dir.Path, "beats.csv");

        var (code, _, error) = await RunAsync("analyze", "ecg", Path.Combine(dir.Path, "100"), "--beats", beats, "--rhythm", Path.Combine(dir.Path, "r.csv"));

        Assert.True(code == 0, error);
        Assert.Contains("signal 0: 360 samples (1.0 s) are marked invalid; each holds the last valid value", error, StringComparison.Ordinal);
        Assert.InRange((await File.ReadAllLinesAsync(beats)).Length - 1, 2255, 2285);
    }

    [Theory]
    [InlineData(null, "iomt: note: ", "signal 0 is 'RESP', not an ECG lead; analysing signal 1 'V5' (choose another with --channel)")]
    [InlineData("1", null, null)]
    [InlineData("0", "iomt: warning: ", "signal 0 is 'RESP', not an ECG lead; analysing it as one")]
    public async Task Analyze_ecg_analyses_the_first_ecg_lead_when_signal_0_is_named_as_another_signal(string? channel, string? prefix, string? message)
    {
        // Record 100 with its first signal named as a respiration signal.
        using var dir = new TempDirectory();
        await LinkRecord100WithHeaderEditAsync(dir.Path, " 0 MLII", " 0 RESP");
        var beats = Path.Combine(dir.Path, "beats.csv");
        string[] args = ["analyze", "ecg", Path.Combine(dir.Path, "100"), "--beats", beats, "--rhythm", Path.Combine(dir.Path, "r.csv")];

        var (code, _, error) = await RunAsync(channel is null ? args : [.. args, "--channel", channel]);

        Assert.True(code == 0, error);
        if (message is null)
        {
            Assert.Equal(string.Empty, error);
        }
        else
        {
            var line = Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith(prefix!, line, StringComparison.Ordinal);
            Assert.EndsWith(message, line, StringComparison.Ordinal);
        }

        // Signal 1 (V5) carries the same 2 273 beats; signal 0 analysed as asked finds them too.
        Assert.InRange((await File.ReadAllLinesAsync(beats)).Length - 1, 2255, 2285);
    }

    [Fact]
    public async Task Analyze_ecg_warns_that_a_flat_signal_has_no_beats_to_find()
    {
        // 10 s of an unconnected lead: the same ADC value throughout, but one step of 2 units (0.01 mV).
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "flat");
        await File.WriteAllTextAsync(path + ".hea", "flat 1 250 2500\nflat.dat 16 200 16 0 0 2 0 ECG\n");
        var samples = new byte[5000];
        samples[2000] = 2;
        await File.WriteAllBytesAsync(path + ".dat", samples);

        var (code, _, error) = await RunAsync("analyze", "ecg", path, "--beats", Path.Combine(dir.Path, "b.csv"), "--rhythm", Path.Combine(dir.Path, "r.csv"));

        Assert.True(code == 0, error);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.EndsWith("signal 0: flat, 0.01 mV from lowest to highest over the whole record; no beat can be found (lead off, or a wrong gain in the header?)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ecg_reports_a_truncated_signal_file()
    {
        using var dir = new TempDirectory();
        var record = Path.Combine(dir.Path, "cut");
        await File.WriteAllTextAsync(record + ".hea", "cut 2 360 1000\ncut.dat 212 200 11 1024\ncut.dat 212 200 11 1024\n");
        await File.WriteAllBytesAsync(record + ".dat", new byte[1000]);

        var (code, _, error) = await RunAsync("analyze", "ecg", record, "--beats", record + ".b.csv", "--rhythm", record + ".r.csv");

        Assert.Equal(2, code);
        Assert.Contains("cut.dat: byte 1000: truncated", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Analyze_ecg_reports_an_unknown_signal_format()
    {
        using var dir = new TempDirectory();
        var record = Path.Combine(dir.Path, "odd");
        await File.WriteAllTextAsync(record + ".hea", "odd 1 360 10\nodd.dat 999 200 11 1024 0 0 0 I\n");

        var (code, _, error) = await RunAsync("analyze", "ecg", record, "--beats", record + ".b.csv", "--rhythm", record + ".r.csv");

        Assert.Equal(2, code);
        Assert.Contains("odd.hea: line 2: format: unknown or unsupported signal format 999", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("odd 1 40 10\nodd.dat 16 200 16 0 0 0 0 I\n", "odd.hea: line 1: sampling frequency: 40 Hz is outside the 50–10000 Hz")]
    [InlineData("odd 1 1e9 10\nodd.dat 16 200 16 0 0 0 0 I\n", "odd.hea: line 1: sampling frequency: 1000000000 Hz is outside the 50–10000 Hz")]
    [InlineData("odd 1 360\nodd.dat 16+99999 200 16 0 0 0 0 I\n", "odd.dat: byte offset: the header's byte offset 99999 is past the end of the file (20 bytes)")]
    [InlineData("odd 0 360\n", "odd.hea: line 1: the record has no signals to analyse")]
    [InlineData("odd 1 360\nodd.dat 16 200 16 0 -32768 0 0 I\n", "odd: signal 0: every sample is marked invalid; there is no signal to analyse")]
    [InlineData("odd 1 360\nodd.dat 16+20 200 16 0 0 0 0 I\n", "odd: the record holds no samples to analyse")]
    public async Task Analyze_ecg_reports_a_sampling_rate_or_byte_offset_it_cannot_use_in_one_line(string header, string expected)
    {
        using var dir = new TempDirectory();
        var record = Path.Combine(dir.Path, "odd");
        await File.WriteAllTextAsync(record + ".hea", header);
        await File.WriteAllBytesAsync(record + ".dat", [.. Enumerable.Repeat<byte>(0, 10).SelectMany(_ => (byte[])[0x00, 0x80])]);

        var (code, _, error) = await RunAsync("analyze", "ecg", record, "--beats", record + ".b.csv", "--rhythm", record + ".r.csv");

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    // A header and `count` RR intervals: regular at 0.8 s for the first half, then uniformly irregular (0.4–1.0 s).
    private static List<string> RrLines(int count, int seed)
    {
        var lines = new List<string> { "time_s,rr_s" };
        double t = 0;
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var rr = i < count / 2 ? 0.8 : 0.4 + (0.6 * random.NextDouble());
            t += rr;
            lines.Add(FormattableString.Invariant($"{t:F3},{rr:F3}"));
        }

        return lines;
    }

    // Record 100 in `folder`: its signal file linked in place, its header with `from` replaced by `to`.
    private static async Task LinkRecord100WithHeaderEditAsync(string folder, string from, string to)
    {
        var header = await File.ReadAllTextAsync(SharedData.PathOf("mitdb", "100.hea"));
        Assert.Contains(from, header, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "100.hea"), header.Replace(from, to, StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(folder, "100.dat"), SharedData.PathOf("mitdb", "100.dat"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
