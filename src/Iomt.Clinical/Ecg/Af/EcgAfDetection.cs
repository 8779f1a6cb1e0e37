namespace Iomt.Clinical.Ecg.Af;

/// <summary>Runs an <see cref="EcgAfDetector"/> over a whole recording held in memory, as it would stream.</summary>
public static class EcgAfDetection
{
    /// <summary>Chunk length used when replaying a recording.</summary>
    public const int ChunkLength = 512;

    /// <summary>
    /// Labels the RR intervals between consecutive <paramref name="beats"/> (sample numbers, increasing) of
    /// <paramref name="signal"/> (physical units, one lead); element i is the interval ending at beat i + 1.
    /// </summary>
    public static AfDecision[] Run(ReadOnlySpan<float> signal, double samplingFrequency, ReadOnlySpan<long> beats)
    {
        var decisions = new AfDecision[Math.Max(0, beats.Length - 1)];
        var buffer = new AtrialActivityBuffer(samplingFrequency);
        var detector = new EcgAfDetector();
        Span<AfDecision> output = stackalloc AfDecision[EcgAfDetector.MaxDecisionsPerAdd];
        Span<float> window = stackalloc float[AtrialActivityBuffer.Points];
        var next = 1;
        var after = (long)Math.Ceiling(AtrialActivityBuffer.AlignSeconds * samplingFrequency) + 1;
        for (var start = 0; start < signal.Length || next < beats.Length; start += ChunkLength)
        {
            if (start < signal.Length)
            {
                buffer.Append(signal.Slice(start, Math.Min(ChunkLength, signal.Length - start)));
            }

            // A beat is analysed once the signal up to just past its QRS has arrived (the QRS detector
            // reports a beat later than that anyway).
            while (next < beats.Length && (beats[next] + after < buffer.SamplesSeen || start >= signal.Length))
            {
                var measured = buffer.TryExtract(beats[next], beats[next - 1], window, out var noise);
                var rr = (beats[next] - beats[next - 1]) / samplingFrequency;
                var n = detector.Add(beats[next] / samplingFrequency, rr, measured ? window : [], noise, output);
                Store(decisions, output[..n]);
                next++;
            }
        }

        int m;
        while ((m = detector.Flush(output)) > 0)
        {
            Store(decisions, output[..m]);
        }

        return decisions;
    }

    private static void Store(AfDecision[] decisions, ReadOnlySpan<AfDecision> found)
    {
        foreach (var d in found)
        {
            decisions[d.Index] = d;
        }
    }
}
