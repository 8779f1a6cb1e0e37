using System.Globalization;

namespace Iomt.Benchmarks.Storage;

/// <summary>
/// Console mode <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- storage layouts [rows] [rows/transaction] [devices]</c>
/// or <c>-- storage store [rows] [sqlite-normal,sqlite-full,postgres]</c> (PostgreSQL from IOMT_BENCH_POSTGRES):
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
                var postgres = Environment.GetEnvironmentVariable("IOMT_BENCH_POSTGRES");
                var stores = args.Length > 2 ? args[2].Split(',') : postgres is null ? ["sqlite-normal", "sqlite-full"] : ["sqlite-normal", "sqlite-full", "postgres"];
                await StoreAppendBenchmark.RunAsync(Arg(1, 200_000), postgres, stores);
                break;
        }
    }
}
