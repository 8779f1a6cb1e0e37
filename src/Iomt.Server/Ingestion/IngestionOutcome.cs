namespace Iomt.Server.Ingestion;

/// <summary>What happened to one item of a submitted batch.</summary>
public enum ItemOutcome
{
    /// <summary>Stored (durable).</summary>
    Accepted,

    /// <summary>Already stored earlier: acknowledged again, not stored twice.</summary>
    Duplicate,

    /// <summary>Rejected and kept in the dead letters.</summary>
    Rejected,
}

/// <summary>The per-item result of a batch, available only after the commit is durable.</summary>
public sealed record IngestionOutcome(IReadOnlyList<ItemResult> Items)
{
    /// <summary>Number of items stored.</summary>
    public int Accepted => Items.Count(i => i.Outcome == ItemOutcome.Accepted);

    /// <summary>Number of duplicates.</summary>
    public int Duplicates => Items.Count(i => i.Outcome == ItemOutcome.Duplicate);

    /// <summary>Number rejected.</summary>
    public int Rejected => Items.Count(i => i.Outcome == ItemOutcome.Rejected);
}

/// <summary>One item's outcome; <see cref="Field"/> and <see cref="Reason"/> are set when rejected.</summary>
public sealed record ItemResult(ItemOutcome Outcome, long Sequence = 0, string? Field = null, string? Reason = null);
