using Iomt.Clinical.Ecg;
using Iomt.Clinical.Ecg.Af;
using Iomt.Clinical.Ecg.Qrs;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.TestSupport;

namespace Iomt.Clinical.Tests.Ecg;

/// <summary>
/// The streaming analysis that <c>iomt analyze ecg</c> and the server run must find what the whole-record replays that
/// the evaluation scores find: the same beats, and the same AF label for every interval, whatever the chunk length.
/// </summary>
public sealed class EcgLeadAnalyzerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(333)]
    [InlineData(100_000)]
    public void Streamed_in_chunks_of_any_length_it_finds_the_beats_and_af_labels_of_the_whole_record_replays(int chunk)
    {
        // Record 201: AF and atrial flutter among normal rhythm, with ectopic beats.
        var signal = WfdbRecordReader.Read(SharedData.PathOf("mitdb", "201.hea")[..^4]).Value!.ToMillivolts(0);
        var beats = BeatDetection.Run(signal, 360);
        var labels = EcgAfDetection.Run(signal, 360, beats);
        var analyzer = new EcgLeadAnalyzer(360);
        var sink = new Collected();

        for (var start = 0; start < signal.Length; start += chunk)
        {
            analyzer.Process(signal.AsSpan(start, Math.Min(chunk, signal.Length - start)), sink);
        }

        analyzer.End(sink);

        Assert.Equal(beats, sink.Beats);
        Assert.Equal(Enumerable.Range(0, beats.Length - 1).Select(i => (long)i), sink.Decisions.Select(d => d.Index));
        Assert.Equal(labels, sink.Decisions);
        Assert.InRange(labels.Count(d => d.IsAf), 100, labels.Length - 100);
        Assert.All(sink.Raised, r => Assert.True(r.RaisedAt >= beats[r.Index + 1], $"interval {r.Index} decided before its beat"));
    }

    private sealed class Collected : IEcgLeadSink
    {
        public List<long> Beats { get; } = [];

        public List<AfDecision> Decisions { get; } = [];

        public List<(long Index, long RaisedAt)> Raised { get; } = [];

        public void OnBeat(long sample, double position) => Beats.Add(sample);

        public void OnAfDecision(AfDecision decision, long raisedAt)
        {
            Decisions.Add(decision);
            Raised.Add((decision.Index, raisedAt));
        }
    }
}
