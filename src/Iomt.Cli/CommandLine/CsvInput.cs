using System.Globalization;
using Iomt.Core.Text;

namespace Iomt.Cli.CommandLine;

/// <summary>
/// Reads a comma-separated file with a header row, one row at a time (fields split by <see cref="CsvFields"/>, so
/// quoted ones too), turning every problem into a <see cref="UserInputException"/> that names the file, the line and
/// the column.
/// </summary>
public sealed class CsvInput : IDisposable
{
    private readonly StreamReader _reader;
    private readonly Dictionary<string, int> _columns;
    private string[] _fields = [];

    private CsvInput(string path, StreamReader reader, string[] header)
    {
        Path = path;
        _reader = reader;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }

        Header = header;
        LineNumber = 1;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>1-based line number of the current row.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks that the header has every required column.</summary>
    public static CsvInput Open(string path, params string[] requiredColumns)
    {
        CheckExists(path);

        var reader = new StreamReader(path);
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            reader.Dispose();
            throw new UserInputException($"{path}:1: {(headerLine is null ? "empty file" : "blank line")}, expected a header with columns {string.Join(",", requiredColumns)}");
        }

        var input = new CsvInput(path, reader, CsvFields.Split(headerLine.TrimStart('\uFEFF')));
        foreach (var column in requiredColumns)
        {
            if (!input.HasColumn(column))
            {
                input.Dispose();
                throw new UserInputException($"{path}:1: missing column '{column}' (header is '{headerLine}')");
            }
        }

        return input;
    }

    /// <summary>True when the header has <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Moves to the next non-blank row; false at the end of the file.</summary>
    public bool ReadRow()
    {
        while (_reader.ReadLine() is { } line)
        {
            LineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            _fields = CsvFields.Split(line);
            return true;
        }

        return false;
    }

    /// <summary>The raw text of a column in the current row.</summary>
    public string GetString(string column)
    {
        var index = _columns[column];
        if (index >= _fields.Length)
        {
            throw Error(column, "missing value (row has too few fields)");
        }

        return _fields[index].Trim();
    }

    /// <summary>A finite number from a column in the current row.</summary>
    public double GetDouble(string column)
    {
        var text = GetString(column);
        var value = Parse(column, text);
        return double.IsFinite(value) ? value : throw Error(column, $"'{text}' is not a finite number");
    }

    /// <summary>
    /// A number from an optional column, null when the reading is absent: a blank field, a field the row does not
    /// reach, or NaN (how many exports write a sensor that did not report). Other text, and an infinite value, are errors.
    /// </summary>
    public double? GetOptionalDouble(string column)
    {
        var text = _columns[column] < _fields.Length ? GetString(column) : "";
        if (text.Length == 0)
        {
            return null;
        }

        var value = Parse(column, text);
        return double.IsNaN(value) ? null : double.IsFinite(value) ? value : throw Error(column, $"'{text}' is not a finite number");
    }

    /// <summary>Fails with a one-line user error when <paramref name="path"/> is not a file: missing, or a folder.</summary>
    public static void CheckExists(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException(Directory.Exists(path) ? $"{path}: is a folder, not a file" : $"{path}: file not found");
        }
    }

    /// <summary>An error about a column of the current row.</summary>
    public UserInputException Error(string column, string message) => new($"{Path}:{LineNumber}: column '{column}': {message}");

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    // .NET reads a number followed by NUL characters as the number; a field holding one is not a number.
    private double Parse(string column, string text) =>
        !text.Contains('\0', StringComparison.Ordinal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"'{text.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a number");
}
