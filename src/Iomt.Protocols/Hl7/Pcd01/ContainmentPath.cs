namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// OBX-4 containment ids (IHE PCD TF-2 §B.8.4: <c>MDS.VMD.CHAN.METRIC</c>). Trailing zero levels mean "this
/// level itself", so <c>1.1.0.0</c> and <c>1.1</c> name the same VMD.
/// </summary>
internal static class ContainmentPath
{
    /// <summary>The id without trailing ".0" levels ("1.1.0.0" → "1.1").</summary>
    public static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> id)
    {
        id = id.Trim();
        while (id.EndsWith(".0", StringComparison.Ordinal))
        {
            id = id[..^2];
        }

        return id;
    }

    /// <summary>The normalised parent of a normalised id, or empty at the top.</summary>
    public static ReadOnlySpan<char> Parent(ReadOnlySpan<char> normalized)
    {
        var dot = normalized.LastIndexOf('.');
        return dot < 0 ? default : Normalize(normalized[..dot]);
    }
}
