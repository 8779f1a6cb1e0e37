using System.CommandLine;

namespace Iomt.Cli.Decode;

/// <summary><c>iomt decode</c>: decode a device payload and print it as JSON, for integrators.</summary>
public static class DecodeCommand
{
    /// <summary>Builds the command with one subcommand per payload kind.</summary>
    public static Command Create()
    {
        var command = new Command("decode", "Decode a raw device payload (e.g. a BLE GATT characteristic) and print JSON.");
        command.Subcommands.Add(GattDecodeCommand.Create());
        return command;
    }
}
