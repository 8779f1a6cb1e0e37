using System.Globalization;
using System.Text.Json;
using Iomt.Protocols.Ble;

namespace Iomt.Benchmarks.Ble;

/// <summary>
/// <c>dotnet run -c Release --project bench/Iomt.Benchmarks -- fuzz gatt [--inputs N] [--seed S] [--vectors path]</c>:
/// N inputs (default 1,000,000) to each GATT decoder, seeded from the shared vectors; exit 1 on any exception.
/// </summary>
public static class GattFuzzCommand
{
    /// <summary>Runs the fuzzer; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var inputs = 1_000_000;
        var seed = 20261122;
        string? vectors = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--inputs": inputs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--vectors": vectors = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"fuzz gatt: unknown option {args[i]}");
                    return 2;
            }
        }

        vectors ??= FindVectors();
        if (vectors is null || !File.Exists(vectors))
        {
            Console.Error.WriteLine("fuzz gatt: vectors.json not found; pass --vectors ../shared/data/ble/vectors.json or set IOMT_SHARED_DATA");
            return 2;
        }

        var runner = new GattFuzzRunner(LoadSeeds(vectors), seed);
        var failed = false;
        Console.WriteLine($"fuzz gatt: {inputs:N0} inputs per decoder, seed {seed}, seeds from {vectors}");
        foreach (var (uuid, _) in GattCharacteristics.Supported)
        {
            var report = runner.Run(uuid, inputs);
            Console.WriteLine(report);
            failed |= report.Exception is not null;
        }

        Console.WriteLine(failed ? "fuzz gatt: FAILED (exception above)" : "fuzz gatt: no exceptions");
        return failed ? 1 : 0;
    }

    /// <summary>Every vector (valid and invalid) as a seed.</summary>
    public static List<(string Uuid, byte[] Value)> LoadSeeds(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => (v.GetProperty("characteristic").GetString()!, Convert.FromHexString(v.GetProperty("hex").GetString()!)))];
    }

    /// <summary>The shared vectors file (IOMT_SHARED_DATA, or ../shared/data beside the repository).</summary>
    public static string? FindVectors()
    {
        var env = Environment.GetEnvironmentVariable("IOMT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            return Path.Combine(env, "ble", "vectors.json");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iomt.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "ble", "vectors.json"));
            }
        }

        return null;
    }
}
