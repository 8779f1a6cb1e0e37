namespace Iomt.Protocols.Hl7;

/// <summary>Finds the n-th part of delimited text without allocating.</summary>
internal static class Hl7Splitter
{
    /// <summary>Number of parts (0 for empty text).</summary>
    public static int Count(ReadOnlySpan<char> text, char separator) =>
        text.Length == 0 ? 0 : text.Count(separator) + 1;

    /// <summary>Offset and length of the 1-based part <paramref name="n"/>, or (0, 0) past the end.</summary>
    public static (int Start, int Length) Part(ReadOnlySpan<char> text, char separator, int n)
    {
        if (n < 1)
        {
            return (0, 0);
        }

        var start = 0;
        for (var k = 1; k < n; k++)
        {
            var next = text[start..].IndexOf(separator);
            if (next < 0)
            {
                return (0, 0);
            }

            start += next + 1;
        }

        var end = text[start..].IndexOf(separator);
        return (start, end < 0 ? text.Length - start : end);
    }
}
