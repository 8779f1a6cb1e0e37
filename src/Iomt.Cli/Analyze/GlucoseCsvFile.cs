using Iomt.Cli.CommandLine;
using Iomt.Clinical.Glucose;

namespace Iomt.Cli.Analyze;

/// <summary>Opens CGM CSV files for the glucose commands, turning reader errors into one-line user errors.</summary>
public static class GlucoseCsvFile
{
    /// <summary>Streams the rows of <paramref name="path"/>; a bad row throws <see cref="UserInputException"/> naming file, line and column.</summary>
    public static IEnumerable<GlucoseCsvRow> ReadRows(string path)
    {
        CsvInput.CheckExists(path);

        using var text = new StreamReader(path);
        var reader = GlucoseCsvReader.Open(text, out var headerError)
            ?? throw new UserInputException(headerError!.Describe(path));
        GlucoseCsvRow row;
        GlucoseCsvError? error;
        while (reader.TryRead(out row, out error))
        {
            yield return row;
        }

        if (error is not null)
        {
            throw new UserInputException(error.Describe(path));
        }
    }

    /// <summary>All readings of <paramref name="path"/>.</summary>
    public static GlucoseReading[] ReadAll(string path) => [.. ReadRows(path).Select(r => r.Reading)];
}
