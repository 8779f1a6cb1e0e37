using System.Globalization;

namespace Iomt.Benchmarks.Ble;

/// <summary>The outcome of fuzzing one decoder: inputs fed, how many decoded, rejection reasons, time, and the first exception (null when none).</summary>
public sealed record GattFuzzReport(string Uuid, int Inputs, int Decoded, IReadOnlyDictionary<string, int> Reasons, TimeSpan Elapsed, string? Exception)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Uuid,-6} inputs {Inputs,9:N0}  decoded {Decoded,9:N0}  rejected {string.Join(", ", Reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0}"))}  {Elapsed.TotalSeconds:F1} s  exceptions {(Exception is null ? "0" : Exception)}");
}
