using BenchmarkDotNet.Running;

namespace Iomt.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites (<c>-- --filter '*'</c>), the storage micro-benchmark (<c>-- storage ...</c>)
/// and the GATT fuzz run (<c>-- fuzz gatt</c>).
/// </summary>
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

        if (args is ["fuzz", "gatt", ..])
        {
            Environment.ExitCode = Ble.GattFuzzCommand.Run(args[2..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
