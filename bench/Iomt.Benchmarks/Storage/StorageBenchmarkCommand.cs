using System.Globalization;

namespace Iomt.Benchmarks.Storage;

/// <summary>
/// Console mode <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- storage [layouts|store] ...</c>:
/// append throughput measured directly (BenchmarkDotNet's many iterations would write gigabytes).
/// </summary>
public static class StorageBenchmarkCommand
{
    /// <summary>Dispatches the storage benchmark modes.</summary>
    public static async Task RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "store";
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        switch (mode)
        {
            case "layouts":
                LayoutAlternatives.Run(Arg(1, 300_000), Arg(2, 1000), Arg(3, 1000));
                break;
            default:
                await Task.CompletedTask;
                break;
        }
    }
}
