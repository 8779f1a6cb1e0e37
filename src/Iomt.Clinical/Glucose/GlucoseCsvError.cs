namespace Iomt.Clinical.Glucose;

/// <summary>A problem in a CGM CSV file, naming the line and column.</summary>
/// <param name="Line">1-based line number (1 is the header).</param>
/// <param name="Column">The column concerned, or null for a whole-row problem.</param>
/// <param name="Message">What is wrong.</param>
public sealed record GlucoseCsvError(int Line, string? Column, string Message)
{
    /// <summary>One line for the user: <c>file:line: column 'x': message</c>.</summary>
    public string Describe(string source) =>
        Column is null ? $"{source}:{Line}: {Message}" : $"{source}:{Line}: column '{Column}': {Message}";
}
