namespace Iomt.Cli.CommandLine;

/// <summary>
/// The CSV files the <c>analyze</c> commands write. A command checks every output path with <see cref="Check"/> before it
/// reads its input, and writes each file with <see cref="WriteAsync"/> once the analysis is complete, so a bad input row
/// or a bad second path leaves no output half-written. A file is written in place, not through a temporary file renamed
/// over it: a symbolic link is written through rather than replaced, and <c>/dev/null</c> or a named pipe works; the
/// price is that a write failing midway (a full disk) leaves the file cut short, and the command fails saying so.
/// </summary>
public static class CsvOutput
{
    /// <summary>Fails with a one-line user error, naming <paramref name="option"/>, when <paramref name="path"/> cannot be a file to write.</summary>
    public static void Check(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserInputException($"{option}: the file name is empty");
        }

        if (Directory.Exists(path))
        {
            throw new UserInputException($"{option} {path}: is a folder, not a file");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserInputException($"{option} {path}: folder {folder} does not exist");
        }
    }

    /// <summary>
    /// True when two output paths would write one regular file (symbolic links followed), so the second would replace
    /// the first; device files such as <c>/dev/null</c> take any number of writers.
    /// </summary>
    public static bool SameFile(string first, string second)
    {
        var a = Resolve(first);
        var b = Resolve(second);
        return string.Equals(a, b, StringComparison.Ordinal) && !a.StartsWith("/dev/", StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : full;
    }

    /// <summary>
    /// <paramref name="text"/> as one CSV field (RFC 4180): quoted, with its quotes doubled, when it holds a comma, a quote
    /// or a line break. Input text echoed into an output file (a timestamp written <c>2024-01-08T00:00:00,5Z</c>, with ISO
    /// 8601's decimal comma) must stay one field.
    /// </summary>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Writes <paramref name="header"/> and then <paramref name="lines"/> to <paramref name="path"/>, one per line.</summary>
    public static async Task WriteAsync(string path, string header, IEnumerable<string> lines, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync(header.AsMemory(), ct).ConfigureAwait(false);
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
        }
    }
}
