namespace Iomt.TestSupport;

/// <summary>
/// Locates the shared data sets (<c>../shared/data</c> beside the repository, or <c>IOMT_SHARED_DATA</c>).
/// A missing file fails the test with its name; it never passes silently.
/// </summary>
public static class SharedData
{
    /// <summary>The shared data root.</summary>
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("IOMT_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv;
            }

            var candidate = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data"));
            return Directory.Exists(candidate)
                ? candidate
                : throw new DirectoryNotFoundException($"shared data folder not found: {candidate} (set IOMT_SHARED_DATA)");
        }
    }

    /// <summary>The full path of a shared data file or folder, which must exist.</summary>
    public static string PathOf(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared test data missing: {path}", path);
    }
}
