using System.Text.Json;

namespace Iomt.Protocols.Ble;

/// <summary>A decoded characteristic value: writes itself in the README's canonical JSON and lists its observations.</summary>
public interface IGattValue
{
    /// <summary>The 16-bit characteristic UUID in upper-case hex ("2A37"), or "SFLOAT"/"FLOAT".</summary>
    string Characteristic { get; }

    /// <summary>Writes the canonical decoded-fields object (ending with "measurements").</summary>
    void WriteJson(Utf8JsonWriter writer);

    /// <summary>Adds the observations this value produces, in wire order (only finite numbers; see README).</summary>
    void AddObservations(ICollection<GattObservation> sink);
}
