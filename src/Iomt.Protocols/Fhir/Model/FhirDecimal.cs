using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iomt.Protocols.Fhir.Model;

/// <summary>A FHIR decimal kept as its exact JSON number text, so precision (1.50) and range (1e-245) survive re-serialising.</summary>
[JsonConverter(typeof(Json.FhirDecimalConverter))]
public readonly record struct FhirDecimal(string Text)
{
    /// <summary>A decimal from a double, written in the shortest round-trip form.</summary>
    public static FhirDecimal From(double value) => new(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The value as a double (may round; infinite when out of double range).</summary>
    public double ToDouble() => double.Parse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Text;
}
