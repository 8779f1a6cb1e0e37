using System.CommandLine;
using Iomt.Cli.CommandLine;
using Iomt.Protocols.Ble;

namespace Iomt.Cli.Decode;

/// <summary>
/// <c>iomt decode gatt &lt;uuid&gt; &lt;hex&gt;</c>: decodes one BLE GATT characteristic value and prints the canonical JSON
/// of ../shared/data/ble/README.md (fields, units converted to UCUM, and the measurements the platform would store).
/// </summary>
public static class GattDecodeCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var uuid = new Argument<string>("uuid")
        {
            Description = "Characteristic UUID: 2A37, 2A35, 2A36, 2A1C, 2A9D, 2A18, 2A5E, 2A5F, 2AA7 (or SFLOAT / FLOAT for one number)",
        };
        var value = new Argument<string>("value")
        {
            Description = "The characteristic value as hex (octet 0 first; spaces or ':' allowed), or base64",
        };
        var lenient = new Option<bool>("--lenient")
        {
            Description = "Ignore RFU bits, RFU enumeration values and trailing octets (Bluetooth receiver rule) instead of rejecting them",
        };
        var command = new Command("gatt", "Decode a BLE GATT health characteristic value and print it as JSON.");
        command.Arguments.Add(uuid);
        command.Arguments.Add(value);
        command.Options.Add(lenient);
        command.SetHandler((parse, _) =>
        {
            var id = parse.GetValue(uuid)!;
            var normalized = GattCharacteristics.Normalize(id)
                ?? throw new UserInputException($"uuid: '{id}' is not a supported characteristic (supported: {string.Join(", ", GattCharacteristics.Supported.Select(s => s.Uuid))})");
            if (!GattPayload.TryDecode(parse.GetValue(value), null, out var bytes, out var payloadError))
            {
                throw new UserInputException($"value: {payloadError}");
            }

            var mode = parse.GetValue(lenient) ? GattDecodeMode.Lenient : GattDecodeMode.Strict;
            var result = GattCharacteristics.Decode(normalized, bytes, mode);
            if (!result.TryGetValue(out var decoded))
            {
                var e = result.Error!.Value;
                throw new UserInputException($"{normalized} value invalid ({e.ReasonCode}): {e.Message}");
            }

            Console.Out.WriteLine(GattJsonText.Write(decoded, indented: true));
            return Task.FromResult(0);
        });
        return command;
    }
}
