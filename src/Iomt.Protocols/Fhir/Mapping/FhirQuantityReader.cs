using System.Globalization;
using Iomt.Protocols.Fhir.Model;
using Iomt.Protocols.Fhir.Terminology;

namespace Iomt.Protocols.Fhir.Mapping;

/// <summary>
/// Reads a Quantity that is to become a measurement value: value present and finite, no comparator, unit
/// coded in UCUM (vital-signs profile: valueQuantity.value 1..1, system fixed to UCUM, code 1..1).
/// </summary>
public static class FhirQuantityReader
{
    /// <summary>Reads <paramref name="quantity"/> found at <paramref name="path"/>.</summary>
    public static FhirIssue? TryRead(Quantity quantity, string path, out double value, out string unit)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        value = 0;
        unit = "";
        if (quantity.Value is not { } number)
        {
            return FhirIssue.Required($"{path}.value", "the quantity has no value");
        }

        if (!double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return FhirIssue.Value($"{path}.value", $"'{number.Text}' is out of range");
        }

        if (quantity.Comparator is not null)
        {
            return FhirIssue.NotSupported($"{path}.comparator", $"a value '{quantity.Comparator} {number.Text}' is a bound, not a measurement");
        }

        if (quantity.System is not null && quantity.System != UcumSyntax.System)
        {
            return FhirIssue.CodeInvalid($"{path}.system", $"unit system must be UCUM ({UcumSyntax.System}), found '{quantity.System}'");
        }

        if (string.IsNullOrEmpty(quantity.Code))
        {
            return FhirIssue.Required($"{path}.code", "the unit must be coded in UCUM (Quantity.code)");
        }

        if (!UcumSyntax.IsValid(quantity.Code))
        {
            return FhirIssue.CodeInvalid($"{path}.code", $"'{quantity.Code}' is not a valid UCUM unit");
        }

        unit = quantity.Code;
        return null;
    }
}
