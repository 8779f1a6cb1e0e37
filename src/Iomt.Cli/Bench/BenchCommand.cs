using System.CommandLine;

namespace Iomt.Cli.Bench;

/// <summary><c>iomt bench</c>: load drivers against a running server (benchmarks, not tests).</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Load drivers against a running server.");
        command.Subcommands.Add(BenchIngestCommand.Create());
        command.Subcommands.Add(BenchEcgCommand.Create());
        return command;
    }
}
