using System.CommandLine;
using Iomt.Cli.Analyze;
using Iomt.Cli.Bench;
using Iomt.Cli.Decode;
using Iomt.Cli.Eval;
using Iomt.Cli.Serve;

namespace Iomt.Cli;

/// <summary>The root <c>iomt</c> command: every subcommand is registered here.</summary>
public static class IomtCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("OpenIoMT: ingest, store, analyse and alert on medical device readings.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
