using System.Globalization;
using System.Reflection;

namespace Iomt.Storage.Schema;

/// <summary>
/// One numbered schema script embedded in this assembly as "&lt;dialect&gt;/NNNN_name.sql". Released scripts are
/// never edited; a change is a new number.
/// </summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>The scripts of <paramref name="dialect"/> ("sqlite" or "postgres") in version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(string dialect)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = dialect + "/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            scripts.Add(new MigrationScript(version, name, ReadText(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }

    private static string ReadText(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
