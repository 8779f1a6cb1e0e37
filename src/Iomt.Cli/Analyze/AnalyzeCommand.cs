using System.CommandLine;

namespace Iomt.Cli.Analyze;

/// <summary><c>iomt analyze</c>: run a detector offline over a recording, writing CSV events.</summary>
public static class AnalyzeCommand
{
    /// <summary>Builds the command with one subcommand per signal kind.</summary>
    public static Command Create()
    {
        var command = new Command("analyze", "Run a streaming detector over a recording (ECG, RR intervals, motion, glucose).");
        command.Subcommands.Add(GlucoseAnalyzeCommand.Create());
        command.Subcommands.Add(EcgAnalyzeCommand.Create());
        command.Subcommands.Add(RrAnalyzeCommand.Create());
        command.Subcommands.Add(MotionAnalyzeCommand.Create());
        return command;
    }
}
