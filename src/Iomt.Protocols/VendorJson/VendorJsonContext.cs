using System.Text.Json.Serialization;

namespace Iomt.Protocols.VendorJson;

/// <summary>Source-generated JSON metadata for vendor mapping files (camelCase, unknown members rejected).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(VendorMapping))]
public sealed partial class VendorJsonContext : JsonSerializerContext;
