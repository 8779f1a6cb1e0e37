using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Iomt.Protocols.Ble;

/// <summary>Renders a decoded value as the README's canonical JSON text (for the CLI, logs of integrators and tests).</summary>
public static class GattJsonText
{
    /// <summary>The canonical JSON of <paramref name="value"/>.</summary>
    public static string Write(IGattValue value, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
