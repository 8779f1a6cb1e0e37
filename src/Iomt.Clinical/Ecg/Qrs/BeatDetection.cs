namespace Iomt.Clinical.Ecg.Qrs;

/// <summary>Runs a <see cref="QrsDetector"/> over a whole recording held in memory, chunk by chunk as it would stream.</summary>
public static class BeatDetection
{
    /// <summary>Chunk length used when replaying a recording (about one second at 360 Hz).</summary>
    public const int DefaultChunkLength = 512;

    /// <summary>Detects the beats of <paramref name="signal"/> (physical units) and returns their sample numbers.</summary>
    public static long[] Run(ReadOnlySpan<float> signal, double samplingFrequency, int chunkLength = DefaultChunkLength) =>
        Detect(signal, samplingFrequency, chunkLength, null);

    /// <summary>
    /// Detects the beats of <paramref name="signal"/> and returns their sample numbers together with their positions
    /// (<see cref="QrsDetector.PositionOf"/>: sub-sample times for RR intervals and HRV).
    /// </summary>
    public static (long[] Beats, double[] Positions) RunWithPositions(ReadOnlySpan<float> signal, double samplingFrequency, int chunkLength = DefaultChunkLength)
    {
        var positions = new List<double>();
        var beats = Detect(signal, samplingFrequency, chunkLength, positions);
        return (beats, [.. positions]);
    }

    private static long[] Detect(ReadOnlySpan<float> signal, double samplingFrequency, int chunkLength, List<double>? positions)
    {
        var detector = new QrsDetector(samplingFrequency);
        var beats = new List<long>(signal.Length / (int)samplingFrequency * 2);
        var buffer = new long[detector.MaxBeatsPerChunk(chunkLength)];
        void Take(int found)
        {
            for (var i = 0; i < found; i++)
            {
                beats.Add(buffer[i]);
                positions?.Add(detector.PositionOf(buffer[i]));
            }
        }

        for (var start = 0; start < signal.Length; start += chunkLength)
        {
            Take(detector.Process(signal.Slice(start, Math.Min(chunkLength, signal.Length - start)), buffer));
        }

        Take(detector.Flush(buffer));
        return [.. beats];
    }
}
