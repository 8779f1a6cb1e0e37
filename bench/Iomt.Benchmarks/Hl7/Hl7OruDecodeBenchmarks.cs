using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;
using Iomt.Protocols.Mllp;

namespace Iomt.Benchmarks.Hl7;

/// <summary>
/// IHE PCD-01 ORU^R01 decode: UTF-8 bytes → parsed message → measurements, for a small NIBP message (4 values)
/// and an ICU monitor message (20 values). Values/s = messages/s × values per message.
/// Run: <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- --filter '*Hl7*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class Hl7OruDecodeBenchmarks
{
    private const string Header =
        "MSH|^~\\&|PAT_MONITOR^0012A3FFFE4B5C6D^EUI-64|ICU|OpenIoMT|HOSPITAL|20260314101502+0100||ORU^R01^ORU_R01|MSG-1|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r" +
        "PID|||MRN-1^^^HOSPITAL^MR||DOE^JANE^^^^^L\rPV1||I|ICU^1^1\r" +
        "OBR|1|X^PAT_MONITOR^0012A3FFFE4B5C6D^EUI-64|X^PAT_MONITOR^0012A3FFFE4B5C6D^EUI-64|182777000^monitoring of patient^SCT|||20260314101500+0100\r" +
        "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||0123456789ABCDEF^EUI-64\r";

    private static readonly (int Mdc, string Name, string Value, string Unit)[] Metrics =
    [
        (150021, "MDC_PRESS_BLD_NONINV_SYS", "120", "266016^MDC_DIM_MMHG^MDC"),
        (150022, "MDC_PRESS_BLD_NONINV_DIA", "80", "266016^MDC_DIM_MMHG^MDC"),
        (150023, "MDC_PRESS_BLD_NONINV_MEAN", "100", "266016^MDC_DIM_MMHG^MDC"),
        (149546, "MDC_PULS_RATE_NON_INV", "60", "264864^MDC_DIM_BEAT_PER_MIN^MDC"),
        (147842, "MDC_ECG_HEART_RATE", "72", "264864^MDC_DIM_BEAT_PER_MIN^MDC"),
        (150456, "MDC_PULS_OXIM_SAT_O2", "97.5", "262688^MDC_DIM_PERCENT^MDC"),
        (149530, "MDC_PULS_OXIM_PULS_RATE", "71", "264864^MDC_DIM_BEAT_PER_MIN^MDC"),
        (151562, "MDC_RESP_RATE", "16", "264928^MDC_DIM_RESP_PER_MIN^MDC"),
        (150364, "MDC_TEMP_BODY", "37.2", "268192^MDC_DIM_DEGC^MDC"),
        (151708, "MDC_CONC_AWAY_CO2_ET", "38", "266016^MDC_DIM_MMHG^MDC"),
    ];

    private readonly Pcd01Mapper _mapper = new();
    private byte[] _small = [];
    private byte[] _large = [];
    private byte[] _framed = [];

    /// <summary>Builds the messages.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _small = Encoding.UTF8.GetBytes(Build(4));
        _large = Encoding.UTF8.GetBytes(Build(20));
        _framed = [.. Enumerable.Range(0, 100).SelectMany(_ => MllpFrameWriter.Frame(Encoding.UTF8.GetString(_small)))];
        if (Decode_small_4_values() != 4 || Decode_large_20_values() != 20)
        {
            throw new InvalidOperationException("benchmark messages do not map cleanly");
        }
    }

    private static string Build(int values)
    {
        var sb = new StringBuilder(Header);
        for (var i = 0; i < values; i++)
        {
            var m = Metrics[i % Metrics.Length];
            sb.Append($"OBX|{i + 2}|NM|{m.Mdc}^{m.Name}^MDC|1.{(i / Metrics.Length) + 1}.1.{(i % Metrics.Length) + 1}|{m.Value}|{m.Unit}|||||R|||20260314101500+0100\r");
        }

        return sb.ToString();
    }

    /// <summary>Parse only, 4-value message.</summary>
    [Benchmark]
    public int Parse_small() => Hl7Parser.Parse(_small).Message!.Segments.Length;

    /// <summary>Parse and map, 4-value message.</summary>
    [Benchmark(Baseline = true)]
    public int Decode_small_4_values() => _mapper.Map(Hl7Parser.Parse(_small)).Observations.Length;

    /// <summary>Parse and map, 20-value message.</summary>
    [Benchmark]
    public int Decode_large_20_values() => _mapper.Map(Hl7Parser.Parse(_large)).Observations.Length;

    /// <summary>Parse, map and build the AA, 4-value message.</summary>
    [Benchmark]
    public int Decode_and_ack_small()
    {
        var result = _mapper.Map(Hl7Parser.Parse(_small));
        return Hl7AckBuilder.Build(result.Message, result.Ack, result.Errors, new Hl7AckOptions(), DateTimeOffset.UnixEpoch).Length;
    }

    /// <summary>MLLP framing only: 100 frames from one buffer.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public int Mllp_read_frame()
    {
        var buffer = new ReadOnlySequence<byte>(_framed);
        var n = 0;
        while (MllpFrameReader.TryRead(buffer, MllpFrameReader.DefaultMaxFrameSize, out _, out var consumed, out _, out _) == MllpReadStatus.Frame)
        {
            buffer = buffer.Slice(consumed);
            n++;
        }

        return n;
    }
}
