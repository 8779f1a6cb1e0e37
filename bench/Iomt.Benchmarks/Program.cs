using BenchmarkDotNet.Running;

namespace Iomt.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites: <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    /// <summary>Entry point.</summary>
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "storage")
        {
            await Storage.StorageBenchmarkCommand.RunAsync(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
