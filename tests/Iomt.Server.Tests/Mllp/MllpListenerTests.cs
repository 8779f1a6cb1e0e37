using System.Text;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Mllp;
using Iomt.Protocols.Tests.Hl7;

namespace Iomt.Server.Tests.Mllp;

public class MllpListenerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string[] RequestFiles => [.. Pcd01Cases.All.Select(c => c.Str("file")!)];

    private static byte[] AllFramed() => [.. RequestFiles.SelectMany(f => MllpFrameWriter.Frame(Pcd01Cases.Read(f)))];

    private static async Task<List<string>> ReadAcksAsync(MllpClient client, int count)
    {
        var acks = new List<string>();
        for (var i = 0; i < count; i++)
        {
            acks.Add(await client.ReadFrameAsync(Deadline) ?? throw new InvalidOperationException($"connection closed after {i} ACKs"));
        }

        return acks;
    }

    private static void AssertAcksMatchResponses(List<string> acks)
    {
        var files = RequestFiles;
        Assert.Equal(files.Length, acks.Count);
        for (var i = 0; i < files.Length; i++)
        {
            AckStructure.AssertSameStructure(Pcd01Cases.Read(Pcd01Cases.Case(files[i]).Str("response")!), acks[i]);
        }
    }

    private static void AssertIngested(RecordingIngestor ingestor, int copies)
    {
        var expectedValues = Pcd01Cases.All.Sum(c => c.GetProperty("measurements").GetArrayLength());
        // The four IPF samples (12, 19, 20, 21) all reuse MSH-10 "MSGID1234" from the same device, so OBX #2 of 21
        // and OBX #4/#5 of 20 carry the same (device, message id) as rows sent before them and count as resends.
        const int SharedControlIdCollisions = 3;
        Assert.Equal(56, expectedValues);
        Assert.Equal(expectedValues - SharedControlIdCollisions, ingestor.Stored.Count);
        Assert.Equal((expectedValues * copies) - ingestor.Stored.Count, ingestor.Duplicates);
        var fields = ingestor.DeadLetters.Select(d => d.DecodeError!.Field).ToArray();
        Assert.Equal(Enumerable.Repeat(new[] { "OBX-3", "PID-3", "OBX-5", "MSH-9", "MSH" }, copies).SelectMany(x => x), fields);
        var first = ingestor.Stored.First().Measurement!;
        Assert.Equal("MSG-20260314-0001#4", first.MessageId);
        Assert.Equal("0123456789ABCDEF", first.DeviceId);
        Assert.Equal("MRN-100234", first.PatientId);
        Assert.Equal(120, first.Value);
    }

    [Fact]
    public async Task All_messages_sent_byte_by_byte_on_one_connection_get_their_ACKs_in_order()
    {
        await using var server = await MllpTestServer.StartAsync();
        using var tcp = await server.ConnectAsync();
        var stream = tcp.GetStream();
        var sending = Task.Run(async () =>
        {
            foreach (var b in AllFramed())
            {
                await stream.WriteAsync(new[] { b });
            }
        });

        var acks = await ReadAcksAsync(new MllpClient(stream), RequestFiles.Length);
        await sending;

        AssertAcksMatchResponses(acks);
        AssertIngested(server.Ingestor, copies: 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1234)]
    public async Task Messages_split_at_random_points_over_several_connections_are_all_acknowledged(int seed)
    {
        await using var server = await MllpTestServer.StartAsync();
        var random = new Random(seed);
        var bytes = AllFramed();
        for (var connection = 0; connection < 3; connection++)
        {
            using var tcp = await server.ConnectAsync();
            var stream = tcp.GetStream();
            var sending = Task.Run(async () =>
            {
                for (var pos = 0; pos < bytes.Length;)
                {
                    var n = Math.Min(random.Next(1, 300), bytes.Length - pos);
                    await stream.WriteAsync(bytes.AsMemory(pos, n));
                    pos += n;
                }
            });
            var acks = await ReadAcksAsync(new MllpClient(stream), RequestFiles.Length);
            await sending;
            AssertAcksMatchResponses(acks);
        }

        // Each resend is recognised by (device, MSH-10#OBX) and acknowledged again without being stored twice.
        AssertIngested(server.Ingestor, copies: 3);
    }

    [Fact]
    public async Task The_ACK_is_written_only_after_the_ingestor_returns()
    {
        await using var server = await MllpTestServer.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Ingestor.Hold = hold;
        using var tcp = await server.ConnectAsync();
        var stream = tcp.GetStream();
        await stream.WriteAsync(MllpFrameWriter.Frame(Pcd01Cases.Read("01-nibp-monitor.request.hl7")));
        await server.Ingestor.Entered.Task.WaitAsync(Deadline);

        var pending = new MllpClient(stream).ReadFrameAsync(Deadline);
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, tcp.Available);
        hold.SetResult();

        var ack = Hl7Parser.Parse((await pending)!).Message!;
        Assert.Equal("AA", ack.Get("MSA", 1));
        Assert.Equal(4, server.Ingestor.Stored.Count);
    }

    [Fact]
    public async Task A_storage_failure_is_answered_AR_and_the_connection_keeps_working()
    {
        await using var server = await MllpTestServer.StartAsync();
        server.Ingestor.FailNext = new InvalidOperationException("disk full");
        using var tcp = await server.ConnectAsync();
        var stream = tcp.GetStream();
        var client = new MllpClient(stream);
        var request = MllpFrameWriter.Frame(Pcd01Cases.Read("02-pulse-oximeter-spo2-pulse-rate.request.hl7"));

        await stream.WriteAsync(request);
        var rejected = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;
        await stream.WriteAsync(request);
        var accepted = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;

        Assert.Equal("AR", rejected.Get("MSA", 1));
        Assert.Equal("207", rejected.Get("ERR", 3));
        Assert.Equal("MSG-20260314-0002", rejected.Get("MSA", 2));
        Assert.Equal("AA", accepted.Get("MSA", 1));
        Assert.Equal(2, server.Ingestor.Stored.Count);
    }

    [Fact]
    public async Task Noise_and_malformed_frames_get_specific_errors_and_do_not_stop_the_listener()
    {
        await using var server = await MllpTestServer.StartAsync();
        using (var tcp = await server.ConnectAsync())
        {
            var stream = tcp.GetStream();
            var client = new MllpClient(stream);
            await stream.WriteAsync("noise before any frame\r\n"u8.ToArray());
            await stream.WriteAsync(MllpFrameWriter.Frame("this is not HL7"));
            await stream.WriteAsync(MllpFrameWriter.Frame("MSH|^~^&|A|B|C|D|20260101||ORU^R01|X9|P|2.6\r"));
            await stream.WriteAsync(MllpFrameWriter.Frame(Pcd01Cases.Read("15-bad-numeric-value-ae.request.hl7")));
            await stream.WriteAsync(new byte[] { 0x0B, 0xFF, 0xFE, 0x00, 0x1C, 0x0D });

            var noMsh = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;
            var badDelimiters = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;
            var badNumber = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;
            var binary = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;

            Assert.Equal(("AR", "100", "Message does not start with an MSH segment"), (noMsh.Get("MSA", 1), noMsh.Get("ERR", 3), noMsh.Get("ERR", 8)));
            Assert.Equal(("AR", "MSH", "2"), (badDelimiters.Get("MSA", 1), badDelimiters.Get("ERR", 2, component: 1), badDelimiters.Get("ERR", 2, component: 3)));
            Assert.Equal(("AE", "102", "OBX-5 value 8O is not a valid NM number"), (badNumber.Get("MSA", 1), badNumber.Get("ERR", 3), badNumber.Get("ERR", 8)));
            Assert.Equal("AR", binary.Get("MSA", 1));
        }

        Assert.Equal(["MSH", "MSH-2", "OBX-5", "MSH"], server.Ingestor.DeadLetters.Select(d => d.DecodeError!.Field));
        Assert.Equal("MSG-20260323-0015#3", server.Ingestor.DeadLetters.ElementAt(2).MessageId);
        Assert.Empty(server.Ingestor.Stored);

        using var next = await server.ConnectAsync();
        await next.GetStream().WriteAsync(MllpFrameWriter.Frame(Pcd01Cases.Read("03-resp-rate-temperature-celsius.request.hl7")));
        var ack = Hl7Parser.Parse((await new MllpClient(next.GetStream()).ReadFrameAsync(Deadline))!).Message!;
        Assert.Equal("AA", ack.Get("MSA", 1));
    }

    [Fact]
    public async Task An_oversized_frame_is_answered_AR_and_the_connection_closed()
    {
        await using var server = await MllpTestServer.StartAsync(o => o.MaxFrameBytes = 512);
        using var tcp = await server.ConnectAsync();
        var stream = tcp.GetStream();
        var client = new MllpClient(stream);
        await stream.WriteAsync((byte[])[0x0B, .. Encoding.ASCII.GetBytes(new string('A', 2000))]);

        var ack = Hl7Parser.Parse((await client.ReadFrameAsync(Deadline))!).Message!;
        Assert.Equal("AR", ack.Get("MSA", 1));
        Assert.Equal("MLLP frame exceeds the maximum of 512 bytes", ack.Get("ERR", 8));
        Assert.Null(await client.ReadFrameAsync(Deadline));
    }

    [Fact]
    public async Task A_value_the_platform_rejects_after_mapping_is_reported_AE_at_its_OBX()
    {
        await using var server = await MllpTestServer.StartAsync();
        server.Ingestor.Validate = m => m.Code.Code == "59408-5" ? new Iomt.Core.Catalogue.ValidationError("value", "97 % is outside the plausible range") : null;
        using var tcp = await server.ConnectAsync();
        await tcp.GetStream().WriteAsync(MllpFrameWriter.Frame(Pcd01Cases.Read("02-pulse-oximeter-spo2-pulse-rate.request.hl7")));

        var ack = Hl7Parser.Parse((await new MllpClient(tcp.GetStream()).ReadFrameAsync(Deadline))!).Message!;

        Assert.Equal("AE", ack.Get("MSA", 1));
        Assert.Equal("OBX^2^5^1^1", ack.Segment("ERR")!.Field(2).Raw.ToString());
        Assert.Equal("102", ack.Get("ERR", 3));
        Assert.Equal("OBX-5 rejected: 97 % is outside the plausible range", ack.Get("ERR", 8));
        Assert.Equal("8889-8", Assert.Single(server.Ingestor.Stored).Measurement!.Code.Code);
    }
}
