using System.Numerics;

namespace Iomt.Clinical;

/// <summary>The median of a span, sorted in place (no allocation): the detectors take it on their fixed buffers.</summary>
internal static class Median
{
    /// <summary>
    /// The median of <paramref name="values"/> (the mean of the two middle values when their number is even), sorting
    /// them in place. <paramref name="values"/> must not be empty.
    /// </summary>
    public static T SortInPlace<T>(Span<T> values)
        where T : IFloatingPointIeee754<T>
    {
        values.Sort();
        var mid = values.Length / 2;
        return (values.Length & 1) == 1 ? values[mid] : (values[mid - 1] + values[mid]) / (T.One + T.One);
    }
}
