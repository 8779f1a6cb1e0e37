using System.Collections.Frozen;

namespace Iomt.Core.Units;

/// <summary>
/// Converts values between UCUM units the platform accepts and its canonical units, and maps common
/// non-UCUM spellings ("mmHg", "bpm", "°C") to UCUM.
/// </summary>
public static class UnitConverter
{
    // clinical-reference §0 "Units": 1 mmol/L glucose = 18.01559 mg/dL (Nightscout MMOL_TO_MGDL) [V].
    /// <summary>mg/dL per mmol/L of glucose.</summary>
    public const double GlucoseMgDlPerMmolL = 18.01559;

    /// <summary>mm[Hg] per kPa (BLE vectors' conversion factor; 1 kPa = 7.50062 mmHg).</summary>
    public const double MmHgPerKPa = 7.50062;

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mmHg"] = "mm[Hg]",
        ["mm Hg"] = "mm[Hg]",
        ["bpm"] = "/min",
        ["beats/min"] = "/min",
        ["{beats}/min"] = "/min",
        ["{beat}/min"] = "/min",
        ["breaths/min"] = "/min",
        ["{breaths}/min"] = "/min",
        ["{Breaths}/min"] = "/min",
        ["1/min"] = "/min",
        ["°C"] = "Cel",
        ["degC"] = "Cel",
        ["°F"] = "[degF]",
        ["degF"] = "[degF]",
        ["lb"] = "[lb_av]",
        ["lbs"] = "[lb_av]",
        ["in"] = "[in_i]",
        ["mg/dl"] = "mg/dL",
        ["mmol/l"] = "mmol/L",
        ["l"] = "L",
        ["l/min"] = "L/min",
        ["l/s"] = "L/s",
        ["steps"] = "{steps}",
        ["{step}"] = "{steps}",
        ["kg/m^2"] = "kg/m2",
        ["percent"] = "%",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // (from, to) -> physical = value * Scale + Shift
    private static readonly FrozenDictionary<(string From, string To), (double Scale, double Shift)> Linear =
        new Dictionary<(string, string), (double, double)>
        {
            [("[degF]", "Cel")] = (5.0 / 9.0, -32.0 * 5.0 / 9.0),
            [("K", "Cel")] = (1, -273.15),
            [("[lb_av]", "kg")] = (0.45359237, 0),
            [("g", "kg")] = (0.001, 0),
            [("mmol/L", "mg/dL")] = (GlucoseMgDlPerMmolL, 0),
            [("kPa", "mm[Hg]")] = (MmHgPerKPa, 0),
            [("[in_i]", "cm")] = (2.54, 0),
            [("m", "cm")] = (100, 0),
            [("mm", "cm")] = (0.1, 0),
            [("mL", "L")] = (0.001, 0),
            [("L/s", "L/min")] = (60, 0),
            [("ms", "s")] = (0.001, 0),
        }.ToFrozenDictionary();

    /// <summary>The UCUM spelling of <paramref name="unit"/> (aliases such as "mmHg" mapped; others unchanged).</summary>
    public static string Normalize(string unit)
    {
        var trimmed = unit.Trim();
        return Aliases.TryGetValue(trimmed, out var ucum) ? ucum : trimmed;
    }

    /// <summary>True when a conversion from <paramref name="from"/> to <paramref name="to"/> is known.</summary>
    public static bool CanConvert(string from, string to)
    {
        var f = Normalize(from);
        var t = Normalize(to);
        return f == t || Linear.ContainsKey((f, t)) || Linear.ContainsKey((t, f));
    }

    /// <summary>Converts <paramref name="value"/>; false when the pair of units is not convertible.</summary>
    public static bool TryConvert(double value, string from, string to, out double converted)
    {
        var f = Normalize(from);
        var t = Normalize(to);
        if (f == t)
        {
            converted = value;
            return true;
        }

        if (Linear.TryGetValue((f, t), out var forward))
        {
            converted = (value * forward.Scale) + forward.Shift;
            return true;
        }

        if (Linear.TryGetValue((t, f), out var backward))
        {
            converted = (value - backward.Shift) / backward.Scale;
            return true;
        }

        converted = double.NaN;
        return false;
    }
}
