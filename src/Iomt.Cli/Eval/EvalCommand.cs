using System.CommandLine;

namespace Iomt.Cli.Eval;

/// <summary><c>iomt eval</c>: score a detector on a reference data set with the field's convention.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command with one subcommand per detector.</summary>
    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a detector on an annotated data set and print per-record and gross figures.");
        command.Subcommands.Add(GlucoseEvalCommand.Create());
        command.Subcommands.Add(QrsEvalCommand.Create());
        command.Subcommands.Add(AfEvalCommand.Create());
        command.Subcommands.Add(FallsEvalCommand.Create());
        return command;
    }
}
