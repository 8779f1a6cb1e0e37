using Iomt.Clinical.Glucose;

namespace Iomt.Clinical.Tests.Glucose;

/// <summary>Synthetic CGM traces for tests.</summary>
internal static class Traces
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Readings every <paramref name="minutes"/> minutes from <see cref="Start"/>.</summary>
    public static GlucoseReading[] Every(double minutes, params double[] values) =>
        [.. values.Select((v, i) => new GlucoseReading(Start.AddMinutes(i * minutes), v))];

    /// <summary>A straight line from <paramref name="from"/> changing by <paramref name="slopePerMinute"/>, sampled every <paramref name="minutes"/>.</summary>
    public static GlucoseReading[] Line(double from, double slopePerMinute, double minutes, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new GlucoseReading(Start.AddMinutes(i * minutes), from + (slopePerMinute * i * minutes)))];

    /// <summary>Indexes of the readings at which the detector alerts.</summary>
    public static List<int> AlertIndexes(IUrgentLowSoonDetector detector, IReadOnlyList<GlucoseReading> readings)
    {
        var alerts = new List<int>();
        for (var i = 0; i < readings.Count; i++)
        {
            if (detector.Process(readings[i]))
            {
                alerts.Add(i);
            }
        }

        return alerts;
    }
}
