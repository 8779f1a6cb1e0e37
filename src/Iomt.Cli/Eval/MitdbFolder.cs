using Iomt.Cli.CommandLine;
using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Cli.Eval;

/// <summary>Finds and loads the annotated WFDB records of a folder (e.g. the MIT-BIH Arrhythmia Database).</summary>
internal static class MitdbFolder
{
    /// <summary>Paths (without extension) of records that have both a header and a <c>.atr</c> file, sorted by name.</summary>
    public static IReadOnlyList<string> Records(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"{directory}: data folder not found");
        }

        var records = Directory.EnumerateFiles(directory, "*.hea")
            .Select(p => p[..^4])
            .Where(p => File.Exists(p + ".atr"))
            .Order(StringComparer.Ordinal)
            .ToList();
        return records.Count > 0 ? records : throw new UserInputException($"{directory}: no WFDB record with a .hea and a .atr file");
    }

    /// <summary>Reads a record, turning a WFDB error into a user error.</summary>
    public static WfdbRecord ReadRecord(string recordPath)
    {
        var result = WfdbRecordReader.Read(recordPath);
        return result.IsSuccess ? result.Value : throw new UserInputException(result.Error.ToString());
    }

    /// <summary>Reads a record's reference annotations.</summary>
    public static IReadOnlyList<MitAnnotation> ReadAnnotations(string recordPath)
    {
        var result = MitAnnotationReader.Read(recordPath + ".atr");
        return result.IsSuccess ? result.Value : throw new UserInputException(result.Error.ToString());
    }
}
