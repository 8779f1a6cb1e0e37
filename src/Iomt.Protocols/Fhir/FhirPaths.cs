using System.Text;

namespace Iomt.Protocols.Fhir;

/// <summary>Turns System.Text.Json paths (<c>$.component[1].valueQuantity.value</c>) into FHIRPath-style expressions.</summary>
public static class FhirPaths
{
    /// <summary>Prefixes the resource type and drops the <c>$</c> and the quoting of bracketed names.</summary>
    public static string FromJsonPath(string resourceType, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return resourceType;
        }

        var sb = new StringBuilder(resourceType);
        var rest = jsonPath.StartsWith('$') ? jsonPath.AsSpan(1) : jsonPath.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest.StartsWith("['"))
            {
                var end = rest.IndexOf("']");
                if (end < 0)
                {
                    break;
                }

                sb.Append('.').Append(rest[2..end]);
                rest = rest[(end + 2)..];
            }
            else
            {
                var next = rest[1..].IndexOfAny('.', '[');
                var take = next < 0 ? rest.Length : next + 1;
                sb.Append(rest[..take]);
                rest = rest[take..];
            }
        }

        return sb.ToString();
    }
}
