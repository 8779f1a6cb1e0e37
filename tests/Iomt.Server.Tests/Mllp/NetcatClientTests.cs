using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Mllp;
using Iomt.Protocols.Tests.Hl7;

namespace Iomt.Server.Tests.Mllp;

/// <summary>The listener driven by an independent client: OpenBSD netcat (Debian netcat-openbsd, installed by test.sh).</summary>
public class NetcatClientTests
{
    private static async Task<(int Exit, byte[] Output)> RunAsync(string file, string arguments, byte[]? stdin)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is not installed (netcat-openbsd is needed; test.sh installs it)", ex);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            if (stdin is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
            }

            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }

            await reading;
            Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {await errors}");
            return (process.ExitCode, output.ToArray());
        }
    }

    private static List<string> Frames(byte[] bytes)
    {
        var frames = new List<string>();
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (MllpFrameReader.TryRead(buffer, MllpFrameReader.DefaultMaxFrameSize, out var payload, out var consumed, out _, out _) == MllpReadStatus.Frame)
        {
            frames.Add(Encoding.UTF8.GetString(payload));
            buffer = buffer.Slice(consumed);
        }

        return frames;
    }

    [Fact]
    public async Task Netcat_sends_every_request_on_one_connection_and_receives_the_expected_ACKs()
    {
        await using var server = await MllpTestServer.StartAsync();
        var files = Pcd01Cases.All.Select(c => c.Str("file")!).ToArray();
        byte[] framed = [.. files.SelectMany(f => MllpFrameWriter.Frame(Pcd01Cases.Read(f)))];

        var (_, output) = await RunAsync("nc", $"-N 127.0.0.1 {server.Port.ToString(CultureInfo.InvariantCulture)}", framed);

        var acks = Frames(output);
        Assert.Equal(files.Length, acks.Count);
        for (var i = 0; i < files.Length; i++)
        {
            AckStructure.AssertSameStructure(Pcd01Cases.Read(Pcd01Cases.Case(files[i]).Str("response")!), acks[i]);
        }
    }

    [Fact]
    public async Task The_printf_netcat_example_of_the_integrator_docs_works()
    {
        await using var server = await MllpTestServer.StartAsync();
        // Same command as docs/protocols/hl7.md, with the test's port.
        var command = "printf '\\x0bMSH|^~\\\\&|MONITOR^0012A3FFFE4B5C6D^EUI-64|ICU|OpenIoMT|HOSPITAL|20260314101502+0100||ORU^R01^ORU_R01|MSG-0001|P|2.6\\r" +
            "PID|||MRN-100234^^^HOSPITAL^MR\\r" +
            "OBR|1|||182777000^monitoring of patient^SCT|||20260314101500+0100\\r" +
            "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20260314101500+0100||||0123456789ABCDEF^EUI-64\\r" +
            $"\\x1c\\x0d' | nc -N 127.0.0.1 {server.Port.ToString(CultureInfo.InvariantCulture)}";

        var (_, output) = await RunAsync("bash", $"-c \"{command.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", null);

        var ack = Hl7Parser.Parse(Assert.Single(Frames(output))).Message!;
        Assert.Equal("AA", ack.Get("MSA", 1));
        Assert.Equal("MSG-0001", ack.Get("MSA", 2));
        var stored = Assert.Single(server.Ingestor.Stored).Measurement!;
        Assert.Equal(("8867-4", 72.0, "/min", "MRN-100234", "0123456789ABCDEF"), (stored.Code.Code, stored.Value!.Value, stored.Unit, stored.PatientId, stored.DeviceId));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 15, 0, TimeSpan.Zero), stored.DeviceTime);
    }
}
