using System.Collections.Frozen;
using Iomt.Core.Catalogue;
using Iomt.Protocols.VendorJson;

namespace Iomt.Server.Transports.VendorJson;

/// <summary>The vendor mappings loaded from <see cref="VendorJsonOptions.MappingsFolder"/> at start; bad files are reported, not fatal.</summary>
public sealed class VendorMappingRegistry
{
    private readonly FrozenDictionary<string, CompiledVendorMapping> _byName;

    /// <summary>Loads every mapping file of <paramref name="folder"/> (a missing folder means no mappings).</summary>
    public VendorMappingRegistry(string folder, VitalSignCatalogue catalogue)
    {
        var loaded = new Dictionary<string, CompiledVendorMapping>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var mapping = CompiledVendorMapping.TryLoad(File.ReadAllBytes(file), catalogue, out var error);
                if (mapping is null)
                {
                    problems.Add($"{Path.GetFileName(file)}: {error}");
                }
                else if (!loaded.TryAdd(mapping.Name, mapping))
                {
                    problems.Add($"{Path.GetFileName(file)}: mapping name '{mapping.Name}' is used twice");
                }
            }
        }

        _byName = loaded.ToFrozenDictionary(StringComparer.Ordinal);
        Problems = problems;
    }

    /// <summary>Files that could not be loaded, with the reason naming the field.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The names of the loaded mappings.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The mapping called <paramref name="name"/>, or null.</summary>
    public CompiledVendorMapping? Find(string name) => _byName.GetValueOrDefault(name);
}
