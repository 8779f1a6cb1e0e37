namespace Iomt.Server.Transports.VendorJson;

/// <summary>Where vendor mapping files live (configuration section <c>VendorJson</c>; env <c>IOMT_VendorJson__MappingsFolder</c>).</summary>
public sealed class VendorJsonOptions
{
    /// <summary>Folder of <c>*.json</c> mapping files; each file's <c>name</c> is its URL segment.</summary>
    public string MappingsFolder { get; set; } = "mappings";
}
