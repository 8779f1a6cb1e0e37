using System.Collections.Frozen;

namespace Iomt.Protocols.Fhir.Terminology;

/// <summary>
/// Checks that a unit code is a well-formed UCUM expression built from known atoms (The Unified Code for
/// Units of Measure, §2 syntax: terms joined by '.' and '/', prefixes, integer exponents, '{annotations}',
/// parentheses, integer factors). The atom table holds the units clinical devices use, not all of UCUM:
/// an exotic but valid unit may be rejected, never an invalid one accepted.
/// </summary>
public static class UcumSyntax
{
    /// <summary>The FHIR system URI of UCUM.</summary>
    public const string System = "http://unitsofmeasure.org";

    // UCUM Table 1 (prefixes).
    private static readonly string[] Prefixes = ["da", "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "d", "c", "m", "u", "n", "p", "f", "a", "z", "y"];

    // Metric atoms accept prefixes (UCUM §2.4 "metric"); the others do not.
    private static readonly FrozenSet<string> MetricAtoms = FrozenSet.Create(StringComparer.Ordinal,
        "m", "s", "g", "rad", "K", "C", "cd", "mol", "sr", "Hz", "N", "Pa", "J", "W", "A", "V", "F", "Ohm", "S", "Wb", "Cel",
        "T", "H", "lm", "lx", "Bq", "Gy", "Sv", "l", "L", "ar", "t", "bar", "u", "eV", "cal", "eq", "osm", "kat", "U", "[iU]",
        "[IU]", "mho", "m[Hg]", "m[H2O]", "B", "B[V]", "B[mV]", "B[W]", "dB", "Ci", "R", "G", "Mx", "dyn", "erg", "P", "St",
        "b", "atm", "gf", "M", "g%", "[ppb]");

    private static readonly FrozenSet<string> PlainAtoms = FrozenSet.Create(StringComparer.Ordinal,
        "10*", "10^", "[pi]", "%", "[ppth]", "[ppm]", "[pptr]", "min", "h", "d", "wk", "mo", "a", "mo_j", "a_j", "'", "''", "deg",
        "[in_i]", "[ft_i]", "[yd_i]", "[mi_i]", "[lb_av]", "[oz_av]", "[gr]", "[degF]", "[degR]", "[pH]", "[drp]", "[lbf_av]",
        "[psi]", "[foz_us]", "[gal_us]", "[pt_us]", "[qt_us]", "[cup_us]", "[tsp_us]", "[tbs_us]", "[mesh_i]", "[Ch]",
        "[HPF]", "[LPF]", "[arb'U]", "[CFU]", "[beth'U]", "[diop]", "[hp_X]", "[hp_C]", "[kp_C]", "[kp_X]", "[S]", "[car_m]",
        "[smi_us]", "[cin_i]", "[cft_i]", "[sin_i]", "[sft_i]", "[knk'U]", "[mclg'U]", "[tb'U]", "[todd'U]", "[dye'U]", "[smgy'U]",
        "[bdsk'U]", "[ka'U]", "[USP'U]", "[GPL'U]", "[MPL'U]", "[APL'U]", "[iU]", "[IU]", "[Lf]", "[D'ag'U]", "[FFU]", "[PFU]", "[PNU]", "[TCID_50]");

    /// <summary>True when <paramref name="code"/> is a valid UCUM expression over the known atoms.</summary>
    public static bool IsValid(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 128 || code.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var pos = 0;
        var ok = ParseMainTerm(code, ref pos);
        return ok && pos == code.Length;
    }

    private static bool ParseMainTerm(string s, ref int pos)
    {
        if (pos < s.Length && s[pos] == '/')
        {
            pos++;
        }

        return ParseTerm(s, ref pos, depth: 0);
    }

    private static bool ParseTerm(string s, ref int pos, int depth)
    {
        if (depth > 8 || !ParseComponent(s, ref pos, depth))
        {
            return false;
        }

        while (pos < s.Length && (s[pos] == '.' || s[pos] == '/'))
        {
            pos++;
            if (!ParseComponent(s, ref pos, depth))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseComponent(string s, ref int pos, int depth)
    {
        if (pos >= s.Length)
        {
            return false;
        }

        if (s[pos] == '(')
        {
            pos++;
            if (!ParseTerm(s, ref pos, depth + 1) || pos >= s.Length || s[pos] != ')')
            {
                return false;
            }

            pos++;
            return true;
        }

        if (s[pos] == '{')
        {
            return SkipAnnotation(s, ref pos);
        }

        // The symbol runs to the next operator or annotation; brackets may hold anything but ']'.
        var start = pos;
        while (pos < s.Length && s[pos] is not ('.' or '/' or '{' or '(' or ')'))
        {
            if (s[pos] == '[')
            {
                var close = s.IndexOf(']', pos);
                if (close < 0)
                {
                    return false;
                }

                pos = close + 1;
                continue;
            }

            pos++;
        }

        if (!IsAnnotatable(s.AsSpan(start, pos - start)))
        {
            return false;
        }

        return pos >= s.Length || s[pos] != '{' || SkipAnnotation(s, ref pos);
    }

    private static bool SkipAnnotation(string s, ref int pos)
    {
        var close = s.IndexOf('}', pos);
        if (close < 0 || s.AsSpan(pos + 1, close - pos - 1).ContainsAny('{', '['))
        {
            return false;
        }

        pos = close + 1;
        return true;
    }

    private static bool IsAnnotatable(ReadOnlySpan<char> symbol)
    {
        if (symbol.IsEmpty)
        {
            return false;
        }

        // A pure integer is a factor (UCUM §2.6 "1", "10").
        if (symbol.IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return true;
        }

        // Trailing exponent: optional sign and digits after the unit symbol ("cm-2", "m2", "10*12").
        var end = symbol.Length;
        while (end > 0 && char.IsAsciiDigit(symbol[end - 1]))
        {
            end--;
        }

        if (end < symbol.Length && end > 0 && symbol[end - 1] is '+' or '-')
        {
            end--;
        }

        var unit = symbol[..end].ToString();
        if (unit.Length == 0)
        {
            return false;
        }

        if (unit is "10*" or "10^" && end == symbol.Length)
        {
            return false; // the power-of-ten atoms need an exponent
        }

        return IsSimpleUnit(unit);
    }

    private static bool IsSimpleUnit(string unit)
    {
        if (MetricAtoms.Contains(unit) || PlainAtoms.Contains(unit))
        {
            return true;
        }

        foreach (var prefix in Prefixes)
        {
            if (unit.Length > prefix.Length && unit.StartsWith(prefix, StringComparison.Ordinal) && MetricAtoms.Contains(unit[prefix.Length..]))
            {
                return true;
            }
        }

        return false;
    }
}
