using System.Diagnostics;

namespace Iomt.Clinical.Falls.SisFall;

/// <summary>
/// Finds the SisFall trials under a folder that holds either one <c>&lt;subject&gt;.tar.xz</c> per subject
/// (unpacked lazily with <c>tar -xJf</c> into a cache folder, once) or the unpacked subject folders.
/// </summary>
public static class SisFallDataSet
{
    /// <summary>Lists every trial, sorted by subject and name; unpacks archives into <paramref name="cacheFolder"/> first.</summary>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    /// <exception cref="InvalidDataException">An archive could not be unpacked, or no trial was found.</exception>
    /// <param name="dataFolder">Folder of archives or of unpacked subject folders.</param>
    /// <param name="cacheFolder">Where archives are unpacked.</param>
    /// <param name="subjects">Only these subjects (all when null).</param>
    public static IReadOnlyList<SisFallRecording> Locate(string dataFolder, string cacheFolder, IReadOnlyCollection<string>? subjects = null)
    {
        if (!Directory.Exists(dataFolder))
        {
            throw new DirectoryNotFoundException($"{dataFolder}: SisFall data folder not found");
        }

        var roots = new List<string> { dataFolder };
        var archives = Directory.GetFiles(dataFolder, "*.tar.xz");
        if (archives.Length > 0)
        {
            Array.Sort(archives, StringComparer.Ordinal);
            foreach (var archive in archives.Where(a => subjects is null || subjects.Contains(Path.GetFileName(a)[..^".tar.xz".Length])))
            {
                Unpack(archive, cacheFolder);
            }

            roots[0] = cacheFolder;
        }

        var recordings = new List<SisFallRecording>();
        foreach (var subjectFolder in Directory.GetDirectories(roots[0]))
        {
            var subject = Path.GetFileName(subjectFolder);
            if (!IsSubject(subject) || (subjects is not null && !subjects.Contains(subject)))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(subjectFolder))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var ext = Path.GetExtension(file);
                var parts = name.Split('_');
                if ((ext is ".csv" or ".txt") && parts.Length == 3 && parts[1] == subject && parts[0].Length == 3 && parts[0][0] is 'D' or 'F')
                {
                    recordings.Add(new SisFallRecording(subject, parts[0], file));
                }
            }
        }

        if (recordings.Count == 0)
        {
            throw new InvalidDataException($"{dataFolder}: no SisFall trials (<subject>.tar.xz or <subject>/<code>_<subject>_Rnn.csv) found");
        }

        recordings.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return recordings;
    }

    private static bool IsSubject(string name) =>
        name.Length == 4 && (name.StartsWith("SA", StringComparison.Ordinal) || name.StartsWith("SE", StringComparison.Ordinal)) && char.IsAsciiDigit(name[2]) && char.IsAsciiDigit(name[3]);

    /// <summary>Unpacks <c>SA01.tar.xz</c> to <c>cache/SA01</c> via a temporary folder and a rename, so a crash never leaves half a subject.</summary>
    private static void Unpack(string archive, string cacheFolder)
    {
        var subject = Path.GetFileName(archive)[..^".tar.xz".Length];
        var target = Path.Combine(cacheFolder, subject);
        if (Directory.Exists(target))
        {
            return;
        }

        var staging = Path.Combine(cacheFolder, $".unpack-{subject}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var start = new ProcessStartInfo("tar") { RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-xJf");
            start.ArgumentList.Add(Path.GetFullPath(archive));
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(staging);
            using var process = Process.Start(start) ?? throw new InvalidDataException("could not start tar");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"{archive}: tar -xJf failed: {error.Trim()}");
            }

            var unpacked = Path.Combine(staging, subject);
            if (!Directory.Exists(unpacked))
            {
                throw new InvalidDataException($"{archive}: archive has no folder '{subject}/'");
            }

            try
            {
                Directory.Move(unpacked, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another process unpacked the same subject first; its copy is identical.
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
