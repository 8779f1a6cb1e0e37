namespace Iomt.Clinical.Ecg.Qrs;

/// <summary>Runs a <see cref="QrsDetector"/> over a whole recording held in memory, chunk by chunk as it would stream.</summary>
public static class BeatDetection
{
    /// <summary>Chunk length used when replaying a recording (about one second at 360 Hz).</summary>
    public const int DefaultChunkLength = 512;

    /// <summary>Detects the beats of <paramref name="signal"/> (physical units) and returns their sample numbers.</summary>
    public static long[] Run(ReadOnlySpan<float> signal, double samplingFrequency, int chunkLength = DefaultChunkLength)
    {
        var detector = new QrsDetector(samplingFrequency);
        var beats = new List<long>(signal.Length / (int)samplingFrequency * 2);
        var buffer = new long[detector.MaxBeatsPerChunk(chunkLength)];
        for (var start = 0; start < signal.Length; start += chunkLength)
        {
            beats.AddRange(buffer.AsSpan(0, detector.Process(signal.Slice(start, Math.Min(chunkLength, signal.Length - start)), buffer)));
        }

        beats.AddRange(buffer.AsSpan(0, detector.Flush(buffer)));
        return [.. beats];
    }
}
