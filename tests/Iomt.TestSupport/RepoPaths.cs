namespace Iomt.TestSupport;

/// <summary>Paths inside the repository, found by walking up from the test binary to <c>Iomt.slnx</c>.</summary>
public static class RepoPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iomt.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (Iomt.slnx) not found above " + AppContext.BaseDirectory);
    }
}
