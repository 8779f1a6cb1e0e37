using Iomt.TestSupport;

namespace Iomt.EndToEnd.Tests;

/// <summary>
/// User mistakes given to the real command line end with one clear line naming the file, line or field,
/// exit code 2, and no stack trace.
/// </summary>
public sealed class CliUserErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AssertUserError(CliRunner.Result result, params string[] mentions)
    {
        Assert.Equal(2, result.ExitCode);
        var error = result.StandardError.Trim();
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--noise", "muscle")]
    [InlineData("--snr", "6")]
    public async Task Eval_qrs_noise_needs_both_its_kind_and_its_snr(string option, string value)
    {
        AssertUserError(await CliRunner.RunAsync("eval", "qrs", "--data", SharedData.PathOf("mitdb"), option, value), "--noise and --snr go together");
    }

    [Theory]
    [InlineData("qrs")]
    [InlineData("af")]
    public async Task Eval_ecg_rate_outside_50_to_10000_hz_names_the_option(string detector)
    {
        AssertUserError(await CliRunner.RunAsync("eval", detector, "--data", SharedData.PathOf("mitdb"), "--rate", "25"), "--rate 25: must be between 50 and 10000 Hz");
    }

    [Fact]
    public async Task Eval_glucose_noise_outside_0_to_30_mg_dl_names_the_option()
    {
        AssertUserError(await CliRunner.RunAsync("eval", "glucose", "--data", SharedData.PathOf("cgm"), "--noise", "40"), "--noise: 40 mg/dL is outside 0–30");
    }

    [Fact]
    public async Task Eval_glucose_every_outside_1_to_60_minutes_names_the_option()
    {
        AssertUserError(await CliRunner.RunAsync("eval", "glucose", "--data", SharedData.PathOf("cgm"), "--every", "0.5"), "--every: 0.5 minutes is outside 1–60");
    }

    // `iomt analyze <command>` on a file holding `content` ends in a user error mentioning `mentions`.
    private async Task AssertAnalyzeErrorAsync(string command, string content, params string[] mentions) =>
        AssertUserError(await CliRunner.RunAsync("analyze", command, Write(command + ".csv", content), "--out", Path.Combine(_dir.Path, "o.csv")), mentions);

    [Fact]
    public Task Glucose_csv_without_the_value_column_names_the_column() =>
        AssertAnalyzeErrorAsync("glucose", "timestamp,mgdl\n2026-01-01 00:00:00,100\n", "glucose_value_mg_dl");

    [Fact]
    public Task Glucose_csv_with_time_going_backwards_names_the_line() =>
        AssertAnalyzeErrorAsync("glucose", "timestamp,glucose_value_mg_dl\n2026-01-01 00:05:00,100\n2026-01-01 00:00:00,101\n", ":3");

    [Fact]
    public Task Glucose_csv_with_nan_names_the_line() =>
        AssertAnalyzeErrorAsync("glucose", "timestamp,glucose_value_mg_dl\n2026-01-01 00:00:00,NaN\n", ":2");

    [Theory]
    [InlineData("glucose", "timestamp,glucose_value_mg_dl\n2026-01-01 00:00:00,abc\n")]
    [InlineData("rr", "time_s,rr_s\n0.8,abc\n")]
    [InlineData("motion", "time_s,ax_g,ay_g,az_g\n0,abc,-1,0\n")]
    public async Task An_output_in_a_missing_folder_naming_a_folder_or_empty_is_a_user_error_before_anything_is_read(string command, string content)
    {
        // The input's second line is bad too: the error must be the output's, found before the input is read.
        var input = Write("in.csv", content);
        var missing = Path.Combine(_dir.Path, "no-such-folder", "o.csv");

        AssertUserError(await CliRunner.RunAsync("analyze", command, input, "--out", missing), $"--out {missing}: folder", "does not exist");
        AssertUserError(await CliRunner.RunAsync("analyze", command, input, "--out", _dir.Path), $"--out {_dir.Path}: is a folder");
        AssertUserError(await CliRunner.RunAsync("analyze", command, input, "--out", ""), "--out: the file name is empty");
    }

    [Fact]
    public async Task An_output_that_cannot_be_written_to_the_end_is_a_user_error()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // a Linux device: writing to it fails with "no space left"
        }

        var input = Write("in.csv", "timestamp,glucose_value_mg_dl\n2026-01-01 00:00:00,50\n");
        AssertUserError(await CliRunner.RunAsync("analyze", "glucose", input, "--out", "/dev/full"), "space");
    }

    [Fact]
    public async Task Analyze_ecg_refuses_one_file_for_both_outputs_also_through_a_link_but_not_dev_null()
    {
        var both = Path.Combine(_dir.Path, "both.csv");
        var link = Path.Combine(_dir.Path, "link.csv");
        File.WriteAllText(both, "earlier\n");
        File.CreateSymbolicLink(link, both);
        var record = SharedData.PathOf("mitdb", "100.hea")[..^4];

        AssertUserError(await CliRunner.RunAsync("analyze", "ecg", record, "--beats", both, "--rhythm", both), "--beats and --rhythm name the same file");
        AssertUserError(await CliRunner.RunAsync("analyze", "ecg", record, "--beats", both, "--rhythm", link), "--beats and --rhythm name the same file");
        if (File.Exists("/dev/null"))
        {
            var result = await CliRunner.RunAsync("analyze", "ecg", record, "--beats", "/dev/null", "--rhythm", "/dev/null");
            Assert.True(result.ExitCode == 0, result.StandardError);
        }
    }

    [Fact]
    public async Task Analyze_ecg_checks_both_outputs_before_writing_either()
    {
        var beats = Path.Combine(_dir.Path, "beats.csv");
        var rhythm = Path.Combine(_dir.Path, "no-such-folder", "rhythm.csv");

        AssertUserError(await CliRunner.RunAsync("analyze", "ecg", SharedData.PathOf("mitdb", "100.hea")[..^4], "--beats", beats, "--rhythm", rhythm), "--rhythm");
        Assert.False(File.Exists(beats));
    }

    [Fact]
    public async Task Glucose_alerts_are_written_through_a_symbolic_link_and_a_bad_row_leaves_the_earlier_output_alone()
    {
        var target = Write("alerts-target.csv", "earlier output\n");
        var link = Path.Combine(_dir.Path, "alerts.csv");
        File.CreateSymbolicLink(link, target);
        var bad = Write("bad.csv", "timestamp,glucose_value_mg_dl\n2026-01-01 00:00:00,100\n2026-01-01 00:05:00,abc\n");
        var good = Write("good.csv", "timestamp,glucose_value_mg_dl\n2026-01-01 00:00:00,50\n");

        AssertUserError(await CliRunner.RunAsync("analyze", "glucose", bad, "--out", link), ":3");
        Assert.Equal("earlier output\n", await File.ReadAllTextAsync(target));

        var result = await CliRunner.RunAsync("analyze", "glucose", good, "--out", link);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(["timestamp,alert", "2026-01-01 00:00:00,urgent_low"], await File.ReadAllLinesAsync(target));
    }

    [Fact]
    public async Task Missing_input_file_is_a_user_error()
    {
        AssertUserError(await CliRunner.RunAsync("analyze", "glucose", Path.Combine(_dir.Path, "absent.csv"), "--out", Path.Combine(_dir.Path, "o.csv")), "absent.csv");
    }

    [Theory]
    [InlineData("glucose")]
    [InlineData("rr")]
    [InlineData("motion")]
    public async Task A_folder_given_as_the_input_is_named_a_folder(string command)
    {
        AssertUserError(await CliRunner.RunAsync("analyze", command, _dir.Path, "--out", Path.Combine(_dir.Path, "o.csv")), "is a folder, not a file");
    }

    [Fact]
    public async Task A_folder_given_as_the_ecg_record_is_named_a_folder()
    {
        AssertUserError(await CliRunner.RunAsync("analyze", "ecg", _dir.Path, "--beats", Path.Combine(_dir.Path, "b.csv"), "--rhythm", Path.Combine(_dir.Path, "r.csv")), "is a folder; give a record in it");
    }

    [Fact]
    public Task A_number_followed_by_a_nul_character_is_not_a_number() =>
        // .NET reads "1\0" as 1; the rr output echoed the NUL.
        AssertAnalyzeErrorAsync("rr", "time_s,rr_s\n1\0,0.8\n", "rr.csv:2: column 'time_s': '1\\0' is not a number");

    [Fact]
    public async Task A_channel_that_is_not_a_number_is_named_without_a_type_name()
    {
        var result = await CliRunner.RunAsync("analyze", "ecg", Path.Combine(_dir.Path, "r"), "--channel", "abc", "--beats", Path.Combine(_dir.Path, "b.csv"), "--rhythm", Path.Combine(_dir.Path, "r.csv"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--channel 'abc': not a signal number", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_driver_pointed_at_no_server_is_a_user_error()
    {
        var port = ServerProcess.FreePort();
        AssertUserError(await CliRunner.RunAsync("bench", "ingest", "--url", $"http://127.0.0.1:{port}", "--clients", "1", "--batch", "10", "--readings", "10"), "refused");
    }

    [Fact]
    public async Task Serving_on_a_port_already_in_use_is_a_user_error()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var result = await CliRunner.RunAsync("serve", "--data", Path.Combine(_dir.Path, "data"), "--urls", $"http://127.0.0.1:{port}", "--mllp-port", "0");
        AssertUserError(result, $"127.0.0.1:{port}", "another iomt serve");
    }
}
