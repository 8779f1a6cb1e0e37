namespace Iomt.Core.Catalogue;

/// <summary>Why a reading was rejected: the offending field (JSON-path-like) and a reason.</summary>
public sealed record ValidationError(string Field, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Reason}";
}
