using System.Buffers;
using System.Text;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;
using Iomt.Protocols.Mllp;

namespace Iomt.Protocols.Tests.Hl7;

/// <summary>
/// A bounded, seeded fuzz run over the ER7 parser, the PCD-01 mapper, the ACK builder and the MLLP frame
/// reader: random bytes, HL7-shaped token soup, and mutations of the sample messages. Each input must be
/// handled without an exception, and its ACK must itself parse and carry the mapper's acknowledgement code.
/// </summary>
public sealed class Hl7Fuzzer
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "MSH|^~\\&|", "MSH|$%!#|", "OBX|", "OBR|", "PID|||", "|", "^", "~", "\\", "&", "\r", "\n", "\r\n", "NM", "NA", "CWE",
            "150021", "999999", "266016^MDC_DIM_MMHG^MDC", "mm[Hg]^mm[Hg]^UCUM", "1.1.1.1", "1.0.0.0", "20260314101500+0100",
            "20260314", "-9999", "1e308", "ORU^R01^ORU_R01", "ADT^A01", "0123456789ABCDEF^EUI-64", "\\X", "\\F\\", "\\XZZ\\", "\"\"",
        }.Select(Encoding.UTF8.GetBytes),
        [MllpFrameReader.StartBlock], [MllpFrameReader.EndBlock], [0xFF, 0xFE], [0xC3],
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _samples;
    private readonly Pcd01Mapper _mapper = new();
    private readonly Hl7AckOptions _ackOptions = new();
    private readonly DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a fuzzer over the given sample messages.</summary>
    public Hl7Fuzzer(int seed, IReadOnlyList<byte[]> samples)
    {
        _random = new Random(seed);
        _samples = samples;
    }

    /// <summary>Inputs run, messages that parsed, ACK codes seen, frames read.</summary>
    public long Inputs { get; private set; }

    /// <summary>Inputs that parsed as HL7.</summary>
    public long Parsed { get; private set; }

    /// <summary>ACKs by code: AA, AE, AR.</summary>
    public long[] AckCounts { get; } = new long[3];

    /// <summary>MLLP frames found in the inputs.</summary>
    public long Frames { get; private set; }

    /// <summary>Runs <paramref name="iterations"/> inputs; throws with the failing input (base64) on the first failure.</summary>
    public void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            var input = NextInput();
            try
            {
                Check(input);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"fuzz input {i} failed: {Convert.ToBase64String(input)}", ex);
            }
        }
    }

    /// <summary>Checks one input.</summary>
    public void Check(byte[] input)
    {
        Inputs++;
        var parsed = Hl7Parser.Parse(input);
        if (parsed.Success)
        {
            Parsed++;
        }

        var result = _mapper.Map(parsed);
        AckCounts[(int)result.Ack]++;
        if (result.Ack != Hl7AckCode.ApplicationAccept && !result.Observations.IsEmpty)
        {
            throw new InvalidOperationException("observations returned with a non-AA result");
        }

        if ((result.Ack == Hl7AckCode.ApplicationAccept) != result.Errors.IsEmpty)
        {
            throw new InvalidOperationException("AA must have no errors and AE/AR at least one");
        }

        var ack = Hl7AckBuilder.Build(result.Message, result.Ack, result.Errors, _ackOptions, _now);
        var ackParsed = Hl7Parser.Parse(ack);
        if (!ackParsed.Success || ackParsed.Message!.Get("MSA", 1) != Hl7AckBuilder.CodeText(result.Ack) ||
            ackParsed.Message.Segments.Count(s => s.Id == "ERR") != result.Errors.Length ||
            ackParsed.Message.Get("MSA", 2) != (result.Message?.ControlId ?? ""))
        {
            throw new InvalidOperationException($"ACK does not round-trip: {ack}");
        }

        ReadFrames(input);
    }

    private void ReadFrames(byte[] input)
    {
        var sequence = new ReadOnlySequence<byte>(input);
        var max = _random.Next(0, 2) == 0 ? 64 : MllpFrameReader.DefaultMaxFrameSize;
        while (true)
        {
            var status = MllpFrameReader.TryRead(sequence, max, out var payload, out var consumed, out var examined, out _);
            if (sequence.Slice(0, consumed).Length > sequence.Slice(0, examined).Length)
            {
                throw new InvalidOperationException("consumed beyond examined");
            }

            if (status != MllpReadStatus.Frame)
            {
                return;
            }

            if (payload.Length > max || payload.PositionOf(MllpFrameReader.EndBlock) is not null)
            {
                throw new InvalidOperationException("frame payload is too large or contains an end block");
            }

            Frames++;
            var next = sequence.Slice(consumed);
            if (next.Length >= sequence.Length)
            {
                throw new InvalidOperationException("a frame was read without consuming input");
            }

            sequence = next;
        }
    }

    private byte[] NextInput()
    {
        var roll = _random.Next(100);
        if (roll < 10)
        {
            var bytes = new byte[_random.Next(0, 512)];
            _random.NextBytes(bytes);
            return bytes;
        }

        if (roll < 30)
        {
            var soup = new List<byte>();
            for (var n = _random.Next(1, 80); n > 0; n--)
            {
                soup.AddRange(Tokens[_random.Next(Tokens.Length)]);
            }

            return [.. soup];
        }

        var data = new List<byte>(_samples[_random.Next(_samples.Count)]);
        for (var n = _random.Next(1, 5); n > 0; n--)
        {
            Mutate(data);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        var at = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(8))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[at] = (byte)_random.Next(256);
                break;
            case 2:
                data.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(at, Math.Min(_random.Next(1, 32), data.Count - at));
                break;
            case 4 when data.Count > 0:
                var len = Math.Min(_random.Next(1, 64), data.Count - at);
                data.InsertRange(_random.Next(data.Count), data.GetRange(at, len));
                break;
            case 5:
                data.RemoveRange(at, data.Count - at);
                break;
            case 6:
                var other = _samples[_random.Next(_samples.Count)];
                data.InsertRange(at, other.Skip(_random.Next(other.Length)).Take(_random.Next(1, 200)));
                break;
            default:
                data.InsertRange(at, Encoding.ASCII.GetBytes(new string('9', _random.Next(1, 400))));
                break;
        }
    }
}
