namespace Iomt.Clinical.Ecg.Af;

/// <summary>Runs a <see cref="RrAfDetector"/> over a whole RR series held in memory, interval by interval.</summary>
public static class AfDetection
{
    /// <summary>Labels each interval of (<paramref name="times"/>, <paramref name="rrSeconds"/>); true = AF.</summary>
    public static bool[] Run(ReadOnlySpan<double> times, ReadOnlySpan<double> rrSeconds)
    {
        if (times.Length != rrSeconds.Length)
        {
            throw new ArgumentException("times and intervals differ in length", nameof(rrSeconds));
        }

        var labels = new bool[times.Length];
        var detector = new RrAfDetector();
        Span<AfDecision> buffer = stackalloc AfDecision[RrAfDetector.MaxDecisionsPerAdd];
        for (var i = 0; i < times.Length; i++)
        {
            Store(labels, buffer[..detector.Add(times[i], rrSeconds[i], buffer)]);
        }

        int n;
        while ((n = detector.Flush(buffer)) > 0)
        {
            Store(labels, buffer[..n]);
        }

        return labels;
    }

    private static void Store(bool[] labels, ReadOnlySpan<AfDecision> decisions)
    {
        foreach (var d in decisions)
        {
            labels[d.Index] = d.IsAf;
        }
    }
}
