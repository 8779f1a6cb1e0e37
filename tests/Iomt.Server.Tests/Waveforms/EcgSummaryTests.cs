using Iomt.Clinical.Ecg.Hrv;
using Iomt.Clinical.Ecg.Wfdb;
using Iomt.Core.Measurements;
using Iomt.Server.Waveforms;
using Iomt.TestSupport;
using Xunit.Abstractions;

namespace Iomt.Server.Tests.Waveforms;

/// <summary>Heart rate and HRV of an ECG lead over clock-aligned windows (<see cref="BeatWindow"/>, <see cref="EcgLeadStream"/>).</summary>
public sealed class EcgSummaryTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_is_reported_when_the_first_interval_of_a_later_one_arrives_and_only_if_followed_from_its_start()
    {
        var window = new BeatWindow(TimeSpan.FromSeconds(10));
        var reported = new List<(DateTimeOffset End, double[] Intervals)>();
        void Add(double seconds, double rr)
        {
            if (window.Add(T0.AddSeconds(seconds), rr, out var end, out var intervals))
            {
                reported.Add((end, [.. intervals]));
            }
        }

        Add(3, 1.0);  // joins [0, 10) late: never reported
        Add(9, 1.0);
        Add(11, 2.0); // [10, 20) followed from its start
        Add(19.999, 1.0);
        Assert.Empty(reported);
        Add(20, 1.5); // a beat at exactly 20 s belongs to [20, 30) and finishes [10, 20)
        Add(45, 25);  // no beat in [30, 40): nothing for it; [20, 30) finished
        Assert.Equal([(T0.AddSeconds(20), [2.0, 1.0]), (T0.AddSeconds(30), [1.5])], reported.Select(r => (r.End, r.Intervals)));
    }

    // MIT-BIH 100 (sinus rhythm, lead MLII) as 10-s chunks from a clock-aligned start, through the lead's stream.
    [Fact]
    public void Heart_rate_and_hrv_of_mitdb_100_agree_with_the_reference_beats()
    {
        var record = WfdbRecordReader.Read(Path.Combine(SharedData.Root, "mitdb", "100")).Value!;
        var annotations = MitAnnotationReader.Read(SharedData.PathOf("mitdb", "100.atr")).Value!;
        var fs = record.Header.SamplingFrequency;
        var chunk = (int)(10 * fs);
        var code = ObservationCode.Mdc("131330");
        var stream = new EcgLeadStream(record.ToChunk(0, 0, chunk, "holter-1", "p-1", code, T0));
        var rates = new List<(DateTimeOffset End, double Bpm)>();
        var variability = new List<(DateTimeOffset End, HrvSummary Summary)>();
        for (var i = 0; i < 66; i++) // 11 minutes
        {
            var findings = stream.Add(record.ToChunk(0, i * chunk, chunk, "holter-1", "p-1", code, T0.AddSeconds(10 * i)));
            rates.AddRange(findings.HeartRates);
            variability.AddRange(findings.Variability);
        }

        // Reference intervals, each at the time of the beat that ends it.
        var beats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var reference = beats.Skip(1).Select((b, k) => (Time: T0.AddSeconds(b / fs), Rr: (b - beats[k]) / fs)).ToList();
        double[] Within(DateTimeOffset end, TimeSpan length) => [.. reference.Where(r => r.Time >= end - length && r.Time < end).Select(r => r.Rr)];

        // 10-s windows 1..64 are complete ([0, 10 s) was joined late, [650, 660 s) has no later beat yet).
        Assert.Equal(Enumerable.Range(2, 64).Select(k => T0.AddSeconds(10 * k)), rates.Select(r => r.End));
        var errors = rates.Select(r => Math.Abs(r.Bpm - (60 / Within(r.End, EcgLeadStream.HeartRateWindow).Average()))).ToList();
        output.WriteLine($"heart rate: {rates.Count} windows, largest difference from the reference {errors.Max():F2} bpm");
        Assert.All(errors, e => Assert.InRange(e, 0, 2));

        // 5-min windows: [0, 5 min) joined late, [5, 10 min) complete, [10, 15 min) unfinished.
        var (end, hrv) = Assert.Single(variability);
        Assert.Equal(T0.AddMinutes(10), end);
        var expected = HrvCalculator.Compute(Within(end, EcgLeadStream.VariabilityWindow))!;
        output.WriteLine($"HRV [5, 10 min): SDNN {hrv.SdnnMs:F1} ms (reference {expected.SdnnMs:F1}), RMSSD {hrv.RmssdMs:F1} ms (reference {expected.RmssdMs:F1}), {hrv.NnCount} NN ({expected.NnCount})");
        Assert.InRange(hrv.SdnnMs, expected.SdnnMs * 0.95, expected.SdnnMs * 1.05);
        Assert.InRange(hrv.RmssdMs, expected.RmssdMs * 0.9, expected.RmssdMs * 1.1);
    }
}
