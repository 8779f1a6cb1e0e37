using BenchmarkDotNet.Running;

namespace Iomt.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites: <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["fuzz", "gatt", ..])
        {
            Environment.ExitCode = Ble.GattFuzzCommand.Run(args[2..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
