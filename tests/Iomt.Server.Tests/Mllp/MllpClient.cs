using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Iomt.Protocols.Mllp;

namespace Iomt.Server.Tests.Mllp;

/// <summary>Reads MLLP-framed ACKs from a socket stream with a deadline.</summary>
public sealed class MllpClient(NetworkStream stream)
{
    private byte[] _pending = [];

    /// <summary>Reads the next frame, or null when the server closed the connection.</summary>
    public async Task<string?> ReadFrameAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var chunk = new byte[4096];
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_pending);
            if (MllpFrameReader.TryRead(buffer, MllpFrameReader.DefaultMaxFrameSize, out var payload, out var consumed, out _, out _) == MllpReadStatus.Frame)
            {
                var text = Encoding.UTF8.GetString(payload);
                _pending = buffer.Slice(consumed).ToArray();
                return text;
            }

            var n = await stream.ReadAsync(chunk, cts.Token);
            if (n == 0)
            {
                return null;
            }

            _pending = [.. _pending, .. chunk.AsSpan(0, n)];
        }
    }
}
