using System.Text;

namespace Iomt.Core.Text;

/// <summary>
/// Splits one line of a comma-separated file into its fields (RFC 4180): a field may be enclosed in double quotes,
/// inside which commas are text and <c>""</c> is one quote, as R's <c>write.csv</c> and spreadsheets write headers and
/// timestamps. Whitespace is kept; callers trim. Lines without quotes take the plain split.
/// </summary>
public static class CsvFields
{
    /// <summary>The fields of <paramref name="line"/>, unquoted.</summary>
    public static string[] Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(',');
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
