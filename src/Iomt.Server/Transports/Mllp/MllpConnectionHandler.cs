using System.Buffers;
using System.IO.Pipelines;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Mllp;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Transports.Mllp;

/// <summary>
/// Kestrel connection handler for HL7 v2 over MLLP: reads frames from the connection's pipe, processes them
/// one at a time in arrival order, and writes each ACK only after ingestion has returned. Bad input gets an
/// AR/AE; an oversized frame gets an AR and the connection is closed; nothing a peer sends stops the listener.
/// </summary>
public sealed class MllpConnectionHandler(Hl7MessageProcessor processor, IOptions<MllpOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<MllpConnectionHandler> logger)
    : ConnectionHandler
{
    private readonly int _maxFrame = options.Value.MaxFrameBytes;

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        // Not ConnectionClosed: a peer that half-closes after its last message (nc -N) must still get its ACKs.
        // Kestrel completes the pipe when the connection goes away; shutdown cancels through the lifetime.
        var cancellation = lifetime.ApplicationStopping;
        var id = connection.ConnectionId;
        try
        {
            while (await ReadOnceAsync(input, output, id, cancellation))
            {
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutting down while a message was in flight: the peer gets no ACK and will resend.
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(ex, "MLLP connection {ConnectionId} reset", id);
            }
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>Handles one read; false when the connection should close.</summary>
    private async Task<bool> ReadOnceAsync(PipeReader input, PipeWriter output, string connectionId, CancellationToken cancellation)
    {
        var read = await input.ReadAsync(cancellation);
        var buffer = read.Buffer;
        var consumed = buffer.Start;
        var examined = buffer.End;
        var status = MllpReadStatus.Incomplete;
        try
        {
            while (true)
            {
                status = MllpFrameReader.TryRead(buffer, _maxFrame, out var payload, out consumed, out examined, out var discarded);
                if (discarded > 0 && logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("MLLP connection {ConnectionId}: skipped {Count} bytes outside frames", connectionId, discarded);
                }

                if (status != MllpReadStatus.Frame)
                {
                    break;
                }

                var ack = await processor.ProcessAsync(payload, cancellation);
                MllpFrameWriter.Write(output, ack);
                await output.FlushAsync(cancellation);
                buffer = buffer.Slice(consumed);
            }
        }
        finally
        {
            input.AdvanceTo(consumed, examined);
        }

        if (status == MllpReadStatus.FrameTooLarge)
        {
            logger.LogWarning("MLLP connection {ConnectionId}: frame larger than {Max} bytes; answering AR and closing", connectionId, _maxFrame);
            var error = Hl7Error.AtSegment("MSH", 1, Hl7ErrorCode.SegmentSequenceError, $"MLLP frame exceeds the maximum of {_maxFrame} bytes");
            var ack = Hl7AckBuilder.Build(null, Hl7AckCode.ApplicationReject, [error], new Hl7AckOptions { ApplicationName = options.Value.ApplicationName, FacilityName = options.Value.FacilityName }, time.GetUtcNow());
            MllpFrameWriter.Write(output, ack);
            await output.FlushAsync(cancellation);
            return false;
        }

        return !read.IsCompleted && !read.IsCanceled;
    }
}
